package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import java.util.OptionalInt;

/**
 * An ImageNet-style folder: {@code <root>/<trainSplit>/<class>/*.JPEG} and {@code <root>/<evalSplit>/<class>/...};
 * class indices follow the sorted class folder names, as torchvision's {@code ImageFolder} does.
 *
 * @param root folder, relative to the data root unless absolute
 * @param trainSplit sub-folder used for training
 * @param evalSplit sub-folder used for evaluation
 * @param classes number of class folders expected (checked when the folder is opened), so that the model can be
 *     built and described before any file is read
 */
public record ImageFolder(String root, String trainSplit, String evalSplit, int classes) implements DatasetSpec {
  /** ImageNet-1k's class count (ILSVRC 2012). */
  public static final int IMAGENET_CLASSES = 1000;
  /** Training images of ImageNet-1k (ILSVRC-2012 train). */
  public static final int IMAGENET_TRAIN_IMAGES = 1_281_167;

  public ImageFolder {
    if (SpecParts.checkNow()) {
      require(root != null && !root.isBlank(), "root", "must name a folder (hint: \"imagenet\")");
      require(trainSplit != null && !trainSplit.isBlank(), "trainSplit", "must name a sub-folder (hint: \"train\")");
      require(evalSplit != null && !evalSplit.isBlank(), "evalSplit", "must name a sub-folder (hint: \"val\")");
      require(classes >= 2, "classes", "must be >= 2, was " + classes);
    }
  }

  /** {@code <root>/train} and {@code <root>/val} with {@code classes} class folders. */
  public ImageFolder(String root, int classes) {
    this(root, "train", "val", classes);
  }

  /** ImageNet-1k under {@code <data root>/imagenet/{train,val}}. */
  public static ImageFolder imagenet() {
    return new ImageFolder("imagenet", IMAGENET_CLASSES);
  }

  @Override
  public OptionalInt knownClasses() {
    return OptionalInt.of(classes);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.imageFolder(this);
  }
}
