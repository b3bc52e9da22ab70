package dev.rethink.graph.study;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.TfTesting;
import java.util.SplittableRandom;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The quick profile's classifier (ResNet-18 × 0.25, 32²) and fixed random batches for VariantGraph tests. */
final class TinyVariants {
  static final int SIZE = 32;

  private TinyVariants() {}

  /** ResNet-18 × 0.25 with {@code norm}, 32² input, 10 classes (the quick profile's source task). */
  static VariantSpec resNet18(NormSpec norm) {
    return VariantSpec.classifier("tiny", Scale.QUICK,
        ResNetSpec.of(18).withNorm(norm).withWidthMultiplier(Scale.QUICK.widthMultiplier()));
  }

  static VariantSpec resNet18() {
    return resNet18(new GroupNorm(Scale.QUICK.groupNormGroups()));
  }

  /** The same variant on a dataset with another class count (the classifier's head follows the dataset). */
  static VariantSpec withClasses(VariantSpec v, int classes) {
    return v.withData(new ImageFolder("unused", classes));
  }

  static TFloat32 images(int batch, long seed) {
    return TfTesting.floats(Shape.of(batch, SIZE, SIZE, 3),
        TfTesting.toFloats(TfTesting.gaussian(batch * SIZE * SIZE * 3, seed)));
  }

  static TInt32 labels(int batch, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] l = new int[batch];
    for (int i = 0; i < batch; i++) {
      l[i] = r.nextInt(classes);
    }
    return TInt32.vectorOf(l);
  }
}
