package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import java.util.OptionalInt;

/**
 * A synthetic classification set, generated deterministically from {@code seed} and written to disk as
 * ImageNet-style folders ({@code train/<class>/*.JPEG}, {@code val/<class>/*.JPEG}), then read through the
 * same reader as {@link ImageFolder}.
 *
 * @param task which synthetic task: {@link Task#SOURCE} stands in for ImageNet (pre-training),
 *     {@link Task#TARGET} for a different downstream task that shares visual primitives with it
 * @param classes number of classes, at most {@link Task#maxClasses()}
 * @param trainPerClass training images per class
 * @param valPerClass evaluation images per class
 * @param imageSize side of the square images, in pixels
 * @param seed generator seed: the same seed gives the same files on any machine
 */
public record SyntheticClassification(Task task, int classes, int trainPerClass, int valPerClass, int imageSize,
    long seed) implements DatasetSpec {

  /** The synthetic tasks. */
  public enum Task {
    /** Pre-training task: classes are shapes (the primitives) on textured backgrounds. */
    SOURCE(16),
    /** Downstream task: classes are compositions of the same primitives (pairs, arrangements, textures). */
    TARGET(16);

    private final int maxClasses;

    Task(int maxClasses) {
      this.maxClasses = maxClasses;
    }

    public int maxClasses() {
      return maxClasses;
    }
  }

  public SyntheticClassification {
    if (SpecParts.checkNow()) {
      require(task != null, "task", "is required (SOURCE or TARGET)");
      require(classes >= 2 && classes <= task.maxClasses(), "classes", "must be in [2, " + task.maxClasses()
          + "] for task " + task + ", was " + classes);
      require(trainPerClass >= 1, "trainPerClass", "must be >= 1, was " + trainPerClass);
      require(valPerClass >= 1, "valPerClass", "must be >= 1, was " + valPerClass);
      require(imageSize >= 16 && imageSize <= 1024, "imageSize", "must be in [16, 1024], was " + imageSize);
    }
  }

  public SyntheticClassification withTrainPerClass(int n) {
    return new SyntheticClassification(task, classes, n, valPerClass, imageSize, seed);
  }

  @Override
  public OptionalInt knownClasses() {
    return OptionalInt.of(classes);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.syntheticClassification(this);
  }
}
