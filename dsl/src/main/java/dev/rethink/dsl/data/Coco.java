package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rethink.dsl.SpecParts;
import java.util.OptionalInt;

/**
 * A COCO-format detection / instance-segmentation / keypoint set: annotation JSON files and image folders,
 * relative to {@code root}. Category ids are mapped to contiguous labels in increasing id order.
 *
 * @param root dataset folder, relative to the data root unless absolute
 * @param trainAnnotations training annotation JSON, relative to {@code root}
 * @param trainImages training image folder, relative to {@code root}
 * @param evalAnnotations evaluation annotation JSON, relative to {@code root}
 * @param evalImages evaluation image folder, relative to {@code root}
 * @param subset a random subset of the training images, or {@code null} for all of them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Coco(String root, String trainAnnotations, String trainImages, String evalAnnotations,
    String evalImages, CocoSubset subset) implements DatasetSpec {

  /** The paper's training set (§4): train2017, 118k images. */
  public static final String TRAIN_2017 = "train2017";
  /** The paper's evaluation set (§4): val2017, 5k images. */
  public static final String VAL_2017 = "val2017";

  public Coco {
    if (SpecParts.checkNow()) {
      require(root != null && !root.isBlank(), "root", "must name a folder (hint: \"coco\")");
      require(trainAnnotations != null && !trainAnnotations.isBlank(), "trainAnnotations",
          "must name a JSON file (hint: \"annotations/instances_train2017.json\")");
      require(trainImages != null && !trainImages.isBlank(), "trainImages", "must name a folder (hint: \"train2017\")");
      require(evalAnnotations != null && !evalAnnotations.isBlank(), "evalAnnotations",
          "must name a JSON file (hint: \"annotations/instances_val2017.json\")");
      require(evalImages != null && !evalImages.isBlank(), "evalImages", "must name a folder (hint: \"val2017\")");
    }
  }

  /** COCO 2017 instances (boxes and masks) in the standard layout under {@code root}. */
  public static Coco instances2017(String root) {
    return new Coco(root, "annotations/instances_" + TRAIN_2017 + ".json", TRAIN_2017,
        "annotations/instances_" + VAL_2017 + ".json", VAL_2017, null);
  }

  /** COCO 2017 person keypoints in the standard layout under {@code root}. */
  public static Coco personKeypoints2017(String root) {
    return new Coco(root, "annotations/person_keypoints_" + TRAIN_2017 + ".json", TRAIN_2017,
        "annotations/person_keypoints_" + VAL_2017 + ".json", VAL_2017, null);
  }

  /** The same set restricted to a random subset of its training images ({@code null}: all of them). */
  public Coco withSubset(CocoSubset s) {
    return new Coco(root, trainAnnotations, trainImages, evalAnnotations, evalImages, s);
  }

  @Override
  public OptionalInt knownClasses() {
    return OptionalInt.empty();
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.coco(this);
  }
}
