package dev.rethink.graph.backbone;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.ResNetSpec;
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
 * ResNet / ResNeXt ({@link ResNetSpec}) in NHWC with torchvision's topology: stem = 7×7/2 convolution, norm, ReLU,
 * 3×3/2 max-pool (padding 1); stages res2…res5 of basic blocks (depth 18/34) or bottlenecks (50/101/152), the
 * first block of res3…res5 with stride 2 (in the 1×1 or the 3×3 per {@code strideIn1x1}), a projection shortcut
 * (1×1 convolution + norm) where the shape changes, ResNeXt's grouped 3×3 when {@code groups > 1}; convolutions
 * carry a bias only without normalization.
 *
 * <p>Variables: {@code <scope>/stem/conv1/kernel}, {@code <scope>/stem/conv1/norm/gamma},
 * {@code <scope>/res2/block0/conv1/kernel}, {@code .../conv2/...}, {@code .../conv3/...} (bottleneck),
 * {@code .../shortcut/kernel}, {@code .../shortcut/norm/...}. Use from another TF Java project:
 *
 * <pre>{@code
 * Ops tf = GraphOps.create(graph); // or Ops.create(graph): same names, slower scopes
 * VariableStore vars = new VariableStore(tf, seed);
 * Tower tower = Tower.training(tf.withSubScope("train"), vars);
 * FeatureMaps<TFloat32> maps = ResNet.build(tower.root().child("backbone"), images, ResNetSpec.of(50), 0);
 * Operand<TFloat32> c5 = maps.get("res5");
 * // run vars.initializer() once; run tower.updateOps() with each training step (BN moving statistics)
 * }</pre>
 */
public final class ResNet {
  /** Stem convolution kernel (ResNet paper, conv1). */
  public static final int STEM_KERNEL = 7;
  /** Stem max-pool kernel (ResNet paper: 3×3, stride 2; padded by 1 as torchvision). */
  public static final int STEM_POOL_KERNEL = 3;

  private ResNet() {}

  /**
   * Builds the backbone under {@code scope} (conventionally the {@code backbone} child of a tower's root).
   *
   * @param images NHWC input, normalized, with a known channel count
   * @param freezeAt number of leading stages (stem = 1) whose variables are frozen and whose BN acts as FrozenBN
   * @return the outputs of stem, res2, res3, res4, res5
   */
  public static <T extends TFloating> FeatureMaps<T> build(LayerScope scope, Operand<T> images, ResNetSpec spec,
      int freezeAt) {
    Backbones.checkFreezeAt(spec, freezeAt);
    List<BackboneSpec.Stage> stages = spec.stages();
    Map<String, Operand<T>> outputs = new LinkedHashMap<>();
    Operand<T> x = stem(Backbones.stageScope(scope, stages.get(0).name(), 0, freezeAt), images, spec,
        Backbones.stageNorm(spec, 0, freezeAt));
    outputs.put(stages.get(0).name(), x);
    for (int i = 0; i < 4; i++) {
      String name = stages.get(i + 1).name();
      x = stage(Backbones.stageScope(scope, name, i + 1, freezeAt), x, spec, i, Backbones.stageNorm(spec, i + 1, freezeAt));
      outputs.put(name, x);
    }
    return new FeatureMaps<>(outputs);
  }

  private static <T extends TFloating> Operand<T> stem(LayerScope s, Operand<T> images, ResNetSpec spec,
      Normalization norm) {
    Operand<T> x = ConvNorm.applyRelu(s, "conv1", images, Conv2d.of(STEM_KERNEL, spec.stemChannels()).withStride(2),
        norm);
    return Pooling.maxPool(s.tf(), x, STEM_POOL_KERNEL, 2, STEM_POOL_KERNEL / 2);
  }

  private static <T extends TFloating> Operand<T> stage(LayerScope s, Operand<T> x, ResNetSpec spec, int index,
      Normalization norm) {
    int blocks = spec.blocks().get(index);
    for (int b = 0; b < blocks; b++) {
      int stride = b == 0 && index > 0 ? 2 : 1;
      LayerScope block = s.child("block" + b);
      x = spec.bottleneck()
          ? bottleneck(block, x, spec.innerChannels(index), spec.outChannels(index), stride, spec, norm)
          : basicBlock(block, x, spec.outChannels(index), stride, norm);
    }
    return x;
  }

  /** Two 3×3 convolutions (ResNet-18/34). */
  private static <T extends TFloating> Operand<T> basicBlock(LayerScope s, Operand<T> x, int out, int stride,
      Normalization norm) {
    Operand<T> y = ConvNorm.applyRelu(s, "conv1", x, Conv2d.of(3, out).withStride(stride), norm);
    y = ConvNorm.apply(s, "conv2", y, Conv2d.of(3, out), norm);
    return s.tf().nn.relu(s.tf().math.add(y, shortcut(s, x, out, stride, norm)));
  }

  /** 1×1 reduce, 3×3 (grouped for ResNeXt), 1×1 expand (ResNet-50/101/152, ResNeXt). */
  private static <T extends TFloating> Operand<T> bottleneck(LayerScope s, Operand<T> x, int inner, int out,
      int stride, ResNetSpec spec, Normalization norm) {
    int stride1x1 = spec.strideIn1x1() ? stride : 1;
    int stride3x3 = spec.strideIn1x1() ? 1 : stride;
    Operand<T> y = ConvNorm.applyRelu(s, "conv1", x, Conv2d.of(1, inner).withStride(stride1x1), norm);
    y = ConvNorm.applyRelu(s, "conv2", y, Conv2d.of(3, inner).withStride(stride3x3).withGroups(spec.groups()), norm);
    y = ConvNorm.apply(s, "conv3", y, Conv2d.of(1, out), norm);
    return s.tf().nn.relu(s.tf().math.add(y, shortcut(s, x, out, stride, norm)));
  }

  /** Identity, or a 1×1 projection + norm when the stride or width changes (torchvision's downsample). */
  private static <T extends TFloating> Operand<T> shortcut(LayerScope s, Operand<T> x, int out, int stride,
      Normalization norm) {
    if (stride == 1 && x.shape().get(3) == out) {
      return x;
    }
    return ConvNorm.apply(s, "shortcut", x, Conv2d.of(1, out).withStride(stride), norm);
  }
}
