package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import java.util.List;
import java.util.OptionalInt;

/**
 * A PASCAL VOC-format detection set under {@code root} (the {@code VOCdevkit} folder): each image set is
 * {@code <year>/<list>}, read from {@code <root>/<year>/ImageSets/Main/<list>.txt} with annotations in
 * {@code <year>/Annotations/<id>.xml} and images in {@code <year>/JPEGImages/<id>.jpg}. Several training sets are
 * concatenated (VOC 2007 trainval + 2012 train). Objects marked difficult are kept for training, as Detectron2
 * does, and flagged for evaluation, where VOC mAP ignores them.
 *
 * @param root the {@code VOCdevkit} folder, relative to the data root unless absolute
 * @param trainSets training image sets, e.g. {@code VOC2007/trainval}
 * @param evalSet evaluation image set, e.g. {@code VOC2012/val}
 * @param classes class names in label order (the XML {@code <name>} values)
 */
public record Voc(String root, List<String> trainSets, String evalSet, List<String> classes) implements DatasetSpec {

  /** The 20 PASCAL VOC classes in their standard order (the devkit's, and Detectron2's {@code CLASS_NAMES}). */
  public static final List<String> PASCAL_CLASSES = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus",
      "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep",
      "sofa", "train", "tvmonitor");

  /** The paper's VOC training data (§5.3): VOC 2007 trainval + VOC 2012 train. */
  public static final List<String> PAPER_TRAIN_SETS = List.of("VOC2007/trainval", "VOC2012/train");

  /** The paper's VOC evaluation set (§5.3): VOC 2012 val. */
  public static final String PAPER_EVAL_SET = "VOC2012/val";

  public Voc {
    if (SpecParts.checkNow()) {
      require(root != null && !root.isBlank(), "root", "must name a folder (hint: \"VOCdevkit\")");
      require(trainSets != null && !trainSets.isEmpty(), "trainSets", "needs at least one image set (hint: "
          + PAPER_TRAIN_SETS + ")");
      for (String s : trainSets) {
        require(isSet(s), "trainSets", "'" + s + "' must be <year folder>/<list>, e.g. VOC2007/trainval");
      }
      require(isSet(evalSet), "evalSet", "'" + evalSet + "' must be <year folder>/<list>, e.g. " + PAPER_EVAL_SET);
      require(classes != null && !classes.isEmpty(), "classes", "needs at least one class (hint: Voc.PASCAL_CLASSES)");
      require(classes.stream().distinct().count() == classes.size(), "classes", "has duplicates: " + classes);
    }
    trainSets = trainSets == null ? null : List.copyOf(trainSets);
    classes = classes == null ? null : List.copyOf(classes);
  }


  private static boolean isSet(String s) {
    return s != null && s.matches("[^/]+/[^/]+");
  }

  /** The paper's VOC setup (07 trainval + 12 train, evaluated on 12 val, the 20 classes) under {@code root}. */
  public static Voc paper(String root) {
    return new Voc(root, PAPER_TRAIN_SETS, PAPER_EVAL_SET, PASCAL_CLASSES);
  }

  @Override
  public OptionalInt knownClasses() {
    return OptionalInt.of(classes.size());
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.voc(this);
  }
}
