package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rethink.dsl.SpecParts;
import java.util.OptionalInt;

/**
 * A synthetic detection / instance-segmentation set written in COCO format (annotation JSON with polygon and RLE
 * masks, crowd regions, JPEG images), generated deterministically from {@code seed} on first use and then read by
 * the same reader as {@link Coco}. Objects of {@link #CLASSES} classes (compositions of the classification
 * primitives) appear at widely varying scales, overlapping, on cluttered textured backgrounds; masks are exactly
 * the pixels drawn. With {@code keypoints}, the annotated objects are stick figures with COCO's 17 person
 * keypoints instead.
 *
 * @param trainImages training images
 * @param evalImages evaluation images
 * @param imageSize longer image side in pixels; the shorter side varies from 60% to 100% of it
 * @param keypoints a person-keypoints set instead of an instances set
 * @param seed generator seed: the same seed gives the same files on any machine
 * @param subset a random subset of the training images, or {@code null} for all of them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyntheticCoco(int trainImages, int evalImages, int imageSize, boolean keypoints, long seed,
    CocoSubset subset) implements DatasetSpec {

  /** Object classes of an instances set. */
  public static final int CLASSES = 10;

  public SyntheticCoco {
    if (SpecParts.checkNow()) {
      require(trainImages >= 1, "trainImages", "must be >= 1, was " + trainImages);
      require(evalImages >= 1, "evalImages", "must be >= 1, was " + evalImages);
      require(imageSize >= 32 && imageSize <= 2048, "imageSize", "must be in [32, 2048], was " + imageSize);
      require(subset == null || subset.images() <= trainImages, "subset.images", "is " + (subset == null ? 0
          : subset.images()) + " but the set has " + trainImages + " training images");
    }
  }

  /** An instances set without a subset. */
  public static SyntheticCoco instances(int trainImages, int evalImages, int imageSize, long seed) {
    return new SyntheticCoco(trainImages, evalImages, imageSize, false, seed, null);
  }

  /** A person-keypoints set without a subset. */
  public static SyntheticCoco personKeypoints(int trainImages, int evalImages, int imageSize, long seed) {
    return new SyntheticCoco(trainImages, evalImages, imageSize, true, seed, null);
  }

  public SyntheticCoco withSubset(CocoSubset s) {
    return new SyntheticCoco(trainImages, evalImages, imageSize, keypoints, seed, s);
  }

  public SyntheticCoco withTrainImages(int n) {
    return new SyntheticCoco(n, evalImages, imageSize, keypoints, seed, subset);
  }

  @Override
  public OptionalInt knownClasses() {
    return OptionalInt.of(keypoints ? 1 : CLASSES);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.syntheticCoco(this);
  }
}
