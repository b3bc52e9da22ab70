package dev.rethink.graph.model.detection.head;

import dev.rethink.dsl.model.detection.BoxHeadSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.TwoFc;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.init.Initializers;
import dev.rethink.graph.layers.Conv2d;
import dev.rethink.graph.layers.ConvNorm;
import dev.rethink.graph.norm.Normalization;
import dev.rethink.graph.norm.Norms;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The box head (Detectron2 {@code FastRCNNConvFCHead}, {@code roi_heads/box_head/conv{i}}, {@code fc{i}}) and the
 * predictor ({@code FastRCNNOutputLayers}: {@code roi_heads/box_predictor/cls_score} over {@code K + 1} classes,
 * N(0, 0.01²), and {@code bbox_pred}, {@code 4K} class-specific deltas, N(0, 0.001²)).
 */
public final class BoxHead {
  /** Scope of the box head within {@code roi_heads}. */
  public static final String SCOPE = "box_head";
  /** Scope of the box predictor within {@code roi_heads}. */
  public static final String PREDICTOR_SCOPE = "box_predictor";

  private BoxHead() {}

  /** Class logits {@code [M, K + 1]} (column 0 background) and box deltas {@code [M, 4K]} or {@code [M, 4]}. */
  public record Outputs(Operand<TFloat32> classLogits, Operand<TFloat32> boxDeltas) {}

  /** The head's representation {@code [M, outDim]} of pooled RoI features {@code [M, R, R, C]}. */
  public static Operand<TFloat32> features(LayerScope scope, Operand<TFloat32> pooled, BoxHeadSpec spec) {
    Ops tf = scope.tf();
    return spec.accept(new BoxHeadSpec.Visitor<>() {
      @Override
      public Operand<TFloat32> twoFc(TwoFc head) {
        return fcs(scope, flatten(tf, pooled), 2, head.fcDim());
      }

      @Override
      public Operand<TFloat32> convFc(ConvFc head) {
        Normalization norm = Norms.lower(head.norm());
        Operand<TFloat32> x = pooled;
        for (int i = 1; i <= head.convs(); i++) {
          x = ConvNorm.applyRelu(scope, "conv" + i, x, Conv2d.of(3, head.convDim()), norm);
        }
        return fcs(scope, flatten(tf, x), head.fcs(), head.fcDim());
      }
    });
  }

  /** The predictor on the head's representation. */
  public static Outputs predict(LayerScope scope, Operand<TFloat32> x, int numClasses, boolean classSpecific) {
    Operand<TFloat32> logits = HeadLayers.dense(scope.child("cls_score"), x, numClasses + 1,
        Initializers.normal(HeadLayers.PREDICTOR_STD));
    Operand<TFloat32> deltas = HeadLayers.dense(scope.child("bbox_pred"), x, classSpecific ? 4 * numClasses : 4,
        Initializers.normal(HeadLayers.REGRESSOR_STD));
    return new Outputs(logits, deltas);
  }

  private static Operand<TFloat32> fcs(LayerScope scope, Operand<TFloat32> x, int count, int dim) {
    Operand<TFloat32> y = x;
    for (int i = 1; i <= count; i++) {
      y = scope.tf().nn.relu(HeadLayers.dense(scope.child("fc" + i), y, dim,
          HeadLayers.xavier((int) y.shape().get(1))));
    }
    return y;
  }

  /** {@code [M, R, R, C] → [M, R·R·C]} (static R and C). */
  static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x) {
    long size = x.shape().get(1) * x.shape().get(2) * x.shape().get(3);
    return tf.reshape(x, tf.constant(new long[] {-1, size}));
  }
}
