package dev.rethink.graph.model.detection.head;

import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.init.Initializers;
import dev.rethink.graph.layers.Conv2d;
import dev.rethink.graph.layers.ConvNorm;
import dev.rethink.graph.norm.Normalization;
import dev.rethink.graph.norm.Norms;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Detectron2's {@code MaskRCNNConvUpsampleHead} ({@code roi_heads/mask_head}): {@code mask_fcn{i}} 3×3 convs with
 * the norm and ReLU (MSRA init), a 2×2 stride-2 {@code deconv} with ReLU, and a 1×1 {@code predictor} to one logit
 * map per class, N(0, 0.001²).
 */
public final class MaskHead {
  /** Scope of the mask head within {@code roi_heads}. */
  public static final String SCOPE = "mask_head";

  private MaskHead() {}

  /** Mask logits {@code [M, 2R, 2R, K]} (or {@code [..., 1]} class-agnostic) from pooled {@code [M, R, R, C]}. */
  public static Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> pooled, MaskHeadSpec spec,
      int numClasses) {
    Normalization norm = Norms.lower(spec.norm());
    Operand<TFloat32> x = pooled;
    for (int i = 1; i <= spec.convs(); i++) {
      x = ConvNorm.applyRelu(scope, "mask_fcn" + i, x, Conv2d.of(3, spec.convDim()), norm);
    }
    x = scope.tf().nn.relu(HeadLayers.deconv2x2(scope.child("deconv"), x, spec.convDim()));
    return HeadLayers.conv(scope.child("predictor"), x, 1, spec.classSpecific() ? numClasses : 1,
        Initializers.normal(HeadLayers.REGRESSOR_STD));
  }
}
