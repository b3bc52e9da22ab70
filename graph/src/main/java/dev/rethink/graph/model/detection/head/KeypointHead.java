package dev.rethink.graph.model.detection.head;

import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.init.Initializers;
import dev.rethink.graph.layers.Conv2d;
import dev.rethink.graph.layers.ConvNorm;
import dev.rethink.graph.norm.Normalization;
import dev.rethink.graph.norm.Norms;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * Detectron2's {@code KRCNNConvDeconvUpsampleHead} ({@code roi_heads/keypoint_head}): {@code conv_fcn{i}} 3×3 convs
 * with the norm and ReLU (MSRA init), a 4×4 stride-2 transposed conv to one map per keypoint
 * ({@code score_lowres}), and a ×2 bilinear upsampling ({@code align_corners=False}: half-pixel centres).
 */
public final class KeypointHead {
  /** Scope of the keypoint head within {@code roi_heads}. */
  public static final String SCOPE = "keypoint_head";

  private KeypointHead() {}

  /** Heatmap logits {@code [M, 4R, 4R, K]} from pooled {@code [M, R, R, C]}. */
  public static Operand<TFloat32> build(LayerScope scope, Operand<TFloat32> pooled, KeypointHeadSpec spec) {
    Ops tf = scope.tf();
    Normalization norm = Norms.lower(spec.norm());
    Operand<TFloat32> x = pooled;
    for (int i = 1; i <= spec.convs(); i++) {
      x = ConvNorm.applyRelu(scope, "conv_fcn" + i, x, Conv2d.of(3, spec.convDim()), norm);
    }
    Operand<TFloat32> low = HeadLayers.deconv4x4(scope.child("score_lowres"), x, spec.numKeypoints(),
        Initializers.normal(HeadLayers.REGRESSOR_STD));
    int size = spec.heatmapResolution();
    return tf.image.resizeBilinear(low, tf.constant(new int[] {size, size}), ResizeBilinear.alignCorners(false),
        ResizeBilinear.halfPixelCenters(true));
  }
}
