package dev.rethink.graph.model.detection.box;

import static dev.rethink.graph.model.detection.GraphMath.last;
import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.stackLast;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Box arithmetic on {@code [..., 4]} tensors of {@code (x0, y0, x1, y1)} in continuous coordinates, with
 * Detectron2's conventions (width {@code x1 - x0}, no "+1").
 */
public final class Boxes {
  /** IoU given to a padded (invalid) ground-truth box: below every threshold, so it never matches. */
  public static final float INVALID_IOU = -1f;

  private Boxes() {}

  /** Areas {@code (x1 - x0)(y1 - y0)}, shape {@code [...]}. */
  public static Operand<TFloat32> area(Ops tf, Operand<TFloat32> boxes) {
    return tf.math.mul(tf.math.sub(last(tf, boxes, 2), last(tf, boxes, 0)),
        tf.math.sub(last(tf, boxes, 3), last(tf, boxes, 1)));
  }

  /**
   * Pairwise IoU of {@code a [..., M, 4]} and {@code b [..., N, 4]} (leading axes broadcast): {@code [..., M, N]},
   * 0 where boxes do not overlap (Detectron2 {@code pairwise_iou}).
   */
  public static Operand<TFloat32> pairwiseIou(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    Operand<TFloat32> ea = tf.expandDims(a, tf.constant(-2)); // [..., M, 1, 4]
    Operand<TFloat32> eb = tf.expandDims(b, tf.constant(-3)); // [..., 1, N, 4]
    Operand<TFloat32> zero = scalar(tf, 0);
    Operand<TFloat32> iw = tf.math.maximum(tf.math.sub(tf.math.minimum(last(tf, ea, 2), last(tf, eb, 2)),
        tf.math.maximum(last(tf, ea, 0), last(tf, eb, 0))), zero);
    Operand<TFloat32> ih = tf.math.maximum(tf.math.sub(tf.math.minimum(last(tf, ea, 3), last(tf, eb, 3)),
        tf.math.maximum(last(tf, ea, 1), last(tf, eb, 1))), zero);
    Operand<TFloat32> inter = tf.math.mul(iw, ih);
    Operand<TFloat32> union = tf.math.sub(tf.math.add(area(tf, ea), area(tf, eb)), inter);
    Operand<TBool> overlap = tf.math.greater(inter, zero);
    // The division only runs where boxes overlap, so empty boxes give 0, not NaN.
    return tf.select(overlap, tf.math.div(inter, tf.select(overlap, union, tf.onesLike(union))),
        tf.zerosLike(inter));
  }

  /**
   * IoU of padded ground truth {@code [N, G, 4]} against boxes {@code [A, 4]} or {@code [N, A, 4]}: {@code [N, G,
   * A]}, with the rows of invalid ground truth ({@code valid [N, G]} false) set to {@link #INVALID_IOU}.
   */
  public static Operand<TFloat32> maskedIou(Ops tf, Operand<TFloat32> groundTruth, Operand<TBool> valid,
      Operand<TFloat32> boxes) {
    Operand<TFloat32> iou = pairwiseIou(tf, groundTruth, boxes);
    return tf.select(tf.expandDims(valid, tf.constant(-1)), iou, scalar(tf, INVALID_IOU)); // SelectV2 broadcasts
  }

  /**
   * Boxes {@code [N, K, 4]} clipped to their image: x to {@code [0, width]}, y to {@code [0, height]}, with
   * {@code imageHw [N, 2]} (height, width) per image (Detectron2 {@code Boxes.clip}).
   */
  public static Operand<TFloat32> clip(Ops tf, Operand<TFloat32> boxes, Operand<TFloat32> imageHw) {
    Operand<TFloat32> h = tf.expandDims(last(tf, imageHw, 0), tf.constant(-1)); // [N, 1]
    Operand<TFloat32> w = tf.expandDims(last(tf, imageHw, 1), tf.constant(-1));
    Operand<TFloat32> zero = scalar(tf, 0);
    return stackLast(tf,
        tf.math.minimum(tf.math.maximum(last(tf, boxes, 0), zero), w),
        tf.math.minimum(tf.math.maximum(last(tf, boxes, 1), zero), h),
        tf.math.minimum(tf.math.maximum(last(tf, boxes, 2), zero), w),
        tf.math.minimum(tf.math.maximum(last(tf, boxes, 3), zero), h));
  }

  /** True where both sides exceed {@code minSize} (Detectron2 {@code Boxes.nonempty}). */
  public static Operand<TBool> nonEmpty(Ops tf, Operand<TFloat32> boxes, double minSize) {
    Operand<TFloat32> t = scalar(tf, minSize);
    return tf.math.logicalAnd(tf.math.greater(tf.math.sub(last(tf, boxes, 2), last(tf, boxes, 0)), t),
        tf.math.greater(tf.math.sub(last(tf, boxes, 3), last(tf, boxes, 1)), t));
  }
}
