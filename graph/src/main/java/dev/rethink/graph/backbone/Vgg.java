package dev.rethink.graph.backbone;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.layers.Conv2d;
import dev.rethink.graph.layers.ConvNorm;
import dev.rethink.graph.layers.Pooling;
import dev.rethink.graph.norm.Normalization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The convolutional part of VGG ({@link VggSpec}), NHWC: stages conv1…conv5 of 3×3 convolutions (padding 1) each
 * followed by its norm and ReLU; a 2×2/2 max-pool ends conv1…conv4, conv5 is not pooled (stride 16, as Faster
 * R-CNN uses it). Without normalization every convolution has a bias, as the original network.
 *
 * <p>Variables: {@code <scope>/conv3/conv3_2/kernel}, {@code .../bias} or {@code .../norm/...}.
 */
public final class Vgg {
  /** Convolution kernel (VGG paper). */
  public static final int KERNEL = 3;
  /** Max-pool kernel and stride between stages (VGG paper). */
  public static final int POOL = 2;

  private Vgg() {}

  /**
   * Builds the backbone under {@code scope}.
   *
   * @param freezeAt number of leading stages frozen
   * @return the outputs of conv1…conv5 (conv1…conv4 after their pool)
   */
  public static <T extends TFloating> FeatureMaps<T> build(LayerScope scope, Operand<T> images, VggSpec spec,
      int freezeAt) {
    Backbones.checkFreezeAt(spec, freezeAt);
    List<BackboneSpec.Stage> stages = spec.stages();
    Map<String, Operand<T>> outputs = new LinkedHashMap<>();
    Operand<T> x = images;
    for (int i = 0; i < stages.size(); i++) {
      String name = stages.get(i).name();
      LayerScope s = Backbones.stageScope(scope, name, i, freezeAt);
      Normalization norm = Backbones.stageNorm(spec, i, freezeAt);
      for (int j = 0; j < spec.convs().get(i); j++) {
        x = ConvNorm.applyRelu(s, name + "_" + (j + 1), x, Conv2d.of(KERNEL, spec.channels(i)), norm);
      }
      if (i < stages.size() - 1) {
        x = Pooling.maxPool(s.tf(), x, POOL, POOL, 0);
      }
      outputs.put(name, x);
    }
    return new FeatureMaps<>(outputs);
  }
}
