package dev.rethink.graph.model.detection.box;

import static dev.rethink.graph.model.detection.GraphMath.last;
import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.stackLast;

import dev.rethink.dsl.model.detection.BoxCoderWeights;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The weighted centre/size box encoding of Detectron2's {@code Box2BoxTransform} (R-CNN paper, appendix C): for a
 * source box (anchor or proposal) with centre {@code (x, y)} and size {@code (w, h)} and a target box, {@code dx =
 * wx (x' - x) / w}, {@code dy = wy (y' - y) / h}, {@code dw = ww log(w' / w)}, {@code dh = wh log(h' / h)}.
 * Decoding clamps {@code dw, dh} (after dividing by the weights) at {@link #SCALE_CLAMP}.
 */
public final class BoxCoder {
  /** {@code log(1000 / 16)}: Detectron2's {@code _DEFAULT_SCALE_CLAMP}, no box grows more than 1000/16 times. */
  public static final double SCALE_CLAMP = Math.log(1000.0 / 16);

  private final BoxCoderWeights weights;

  public BoxCoder(BoxCoderWeights weights) {
    this.weights = weights;
  }

  public BoxCoderWeights weights() {
    return weights;
  }

  /** Deltas {@code [..., 4]} that turn {@code sources} into {@code targets} (shapes broadcast). */
  public Operand<TFloat32> encode(Ops tf, Operand<TFloat32> sources, Operand<TFloat32> targets) {
    Geometry s = Geometry.of(tf, sources);
    Geometry t = Geometry.of(tf, targets);
    return stackLast(tf,
        tf.math.mul(scalar(tf, weights.wx()), tf.math.div(tf.math.sub(t.cx, s.cx), s.w)),
        tf.math.mul(scalar(tf, weights.wy()), tf.math.div(tf.math.sub(t.cy, s.cy), s.h)),
        tf.math.mul(scalar(tf, weights.ww()), tf.math.log(tf.math.div(t.w, s.w))),
        tf.math.mul(scalar(tf, weights.wh()), tf.math.log(tf.math.div(t.h, s.h))));
  }

  /** Boxes {@code [..., 4]} obtained by applying {@code deltas} to {@code sources} (shapes broadcast). */
  public Operand<TFloat32> decode(Ops tf, Operand<TFloat32> deltas, Operand<TFloat32> sources) {
    Geometry s = Geometry.of(tf, sources);
    Operand<TFloat32> clamp = scalar(tf, SCALE_CLAMP);
    Operand<TFloat32> dx = tf.math.div(last(tf, deltas, 0), scalar(tf, weights.wx()));
    Operand<TFloat32> dy = tf.math.div(last(tf, deltas, 1), scalar(tf, weights.wy()));
    Operand<TFloat32> dw = tf.math.minimum(tf.math.div(last(tf, deltas, 2), scalar(tf, weights.ww())), clamp);
    Operand<TFloat32> dh = tf.math.minimum(tf.math.div(last(tf, deltas, 3), scalar(tf, weights.wh())), clamp);
    Operand<TFloat32> cx = tf.math.add(tf.math.mul(dx, s.w), s.cx);
    Operand<TFloat32> cy = tf.math.add(tf.math.mul(dy, s.h), s.cy);
    Operand<TFloat32> halfW = tf.math.mul(scalar(tf, 0.5), tf.math.mul(tf.math.exp(dw), s.w));
    Operand<TFloat32> halfH = tf.math.mul(scalar(tf, 0.5), tf.math.mul(tf.math.exp(dh), s.h));
    return stackLast(tf, tf.math.sub(cx, halfW), tf.math.sub(cy, halfH), tf.math.add(cx, halfW),
        tf.math.add(cy, halfH));
  }

  private record Geometry(Operand<TFloat32> cx, Operand<TFloat32> cy, Operand<TFloat32> w, Operand<TFloat32> h) {
    static Geometry of(Ops tf, Operand<TFloat32> b) {
      Operand<TFloat32> w = tf.math.sub(last(tf, b, 2), last(tf, b, 0));
      Operand<TFloat32> h = tf.math.sub(last(tf, b, 3), last(tf, b, 1));
      Operand<TFloat32> half = scalar(tf, 0.5);
      return new Geometry(tf.math.add(last(tf, b, 0), tf.math.mul(half, w)),
          tf.math.add(last(tf, b, 1), tf.math.mul(half, h)), w, h);
    }
  }
}
