package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import java.util.OptionalInt;

/**
 * An ImageNet-style folder: {@code <root>/<trainSplit>/<class>/*.JPEG} and {@code <root>/<evalSplit>/<class>/...};
 * class indices follow the sorted class folder names, as torchvision's {@code ImageFolder} does.
 *
 * @param root folder, relative to the data root unless absolute
 * @param trainSplit sub-folder used for training
 * @param evalSplit sub-folder used for evaluation
 */
public record ImageFolder(String root, String trainSplit, String evalSplit) implements DatasetSpec {
  public ImageFolder {
    require(root != null && !root.isBlank(), "root", "must name a folder (hint: \"imagenet\")");
    require(trainSplit != null && !trainSplit.isBlank(), "trainSplit", "must name a sub-folder (hint: \"train\")");
    require(evalSplit != null && !evalSplit.isBlank(), "evalSplit", "must name a sub-folder (hint: \"val\")");
  }

  /** {@code <root>/train} and {@code <root>/val}. */
  public ImageFolder(String root) {
    this(root, "train", "val");
  }

  @Override
  public OptionalInt knownClasses() {
    return OptionalInt.empty();
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.imageFolder(this);
  }
}
