package dev.rethink.graph.model.detection.head;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import dev.rethink.graph.init.Initializers;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Detectron2's {@code StandardRPNHead}, shared by every level: a 3×3 conv with ReLU ({@code rpn/conv}), a 1×1 conv
 * to one objectness logit per anchor ({@code rpn/objectness_logits}) and one to 4 deltas per anchor
 * ({@code rpn/anchor_deltas}), all N(0, 0.01²) with zero bias. No norm (as in Detectron2).
 */
public final class RpnHead {
  /** Scope of the RPN head within a tower. */
  public static final String SCOPE = "rpn";

  private RpnHead() {}

  /** Per level: objectness logits {@code [N, H·W·A]} and deltas {@code [N, H·W·A, 4]}, anchors in NHWC order. */
  public record Outputs(List<Operand<TFloat32>> logits, List<Operand<TFloat32>> deltas) {}

  public static Outputs build(LayerScope scope, List<Operand<TFloat32>> features, int anchorsPerPosition) {
    Ops tf = scope.tf();
    LayerScope conv = scope.child("conv");
    LayerScope objectness = scope.child("objectness_logits");
    LayerScope deltas = scope.child("anchor_deltas");
    List<Operand<TFloat32>> logits = new ArrayList<>();
    List<Operand<TFloat32>> boxDeltas = new ArrayList<>();
    for (Operand<TFloat32> x : features) {
      int channels = Nhwc.channels(x, scope.path());
      // The same scopes on every level: the variables are shared (the store returns them by name).
      Operand<TFloat32> t = tf.nn.relu(HeadLayers.conv(conv, x, 3, channels,
          Initializers.normal(HeadLayers.PREDICTOR_STD)));
      Operand<TFloat32> o = HeadLayers.conv(objectness, t, 1, anchorsPerPosition,
          Initializers.normal(HeadLayers.PREDICTOR_STD));
      Operand<TFloat32> d = HeadLayers.conv(deltas, t, 1, 4 * anchorsPerPosition,
          Initializers.normal(HeadLayers.PREDICTOR_STD));
      logits.add(tf.reshape(o, tf.stack(List.of(firstDim(tf, o), tf.constant(-1)))));
      boxDeltas.add(tf.reshape(d, tf.stack(List.of(firstDim(tf, d), tf.constant(-1), tf.constant(4)))));
    }
    return new Outputs(logits, boxDeltas);
  }

  private static Operand<TInt32> firstDim(Ops tf, Operand<TFloat32> x) {
    return tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
  }
}
