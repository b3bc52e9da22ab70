package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.GraphMath.last;
import static dev.rethink.graph.model.detection.GraphMath.scalar;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keypoint-head targets as Detectron2's {@code keypoints_to_heatmap}: a keypoint {@code (x, y)} inside RoI
 * {@code (x0, y0, x1, y1)} maps to heatmap cell {@code (floor((x - x0) · S / (x1 - x0)), floor((y - y0) · S /
 * (y1 - y0)))} of an {@code S×S} heatmap; one exactly on the right/bottom edge goes to the last cell; the target is
 * the cell's linear index {@code y · S + x}, valid when the keypoint is visible ({@code v > 0}) and falls inside.
 */
public final class KeypointTargets {
  private KeypointTargets() {}

  /** Linear heatmap index {@code [M, K]} and validity {@code [M, K]}. */
  public record Targets(Operand<TInt32> index, Operand<TBool> valid) {}

  /**
   * @param keypoints {@code [M, K, 3]}: x, y (continuous image coordinates) and visibility
   * @param rois {@code [M, 4]}
   */
  public static Targets heatmap(Ops tf, Operand<TFloat32> keypoints, Operand<TFloat32> rois, int size) {
    Operand<TFloat32> x0 = tf.expandDims(last(tf, rois, 0), tf.constant(1));
    Operand<TFloat32> y0 = tf.expandDims(last(tf, rois, 1), tf.constant(1));
    Operand<TFloat32> x1 = tf.expandDims(last(tf, rois, 2), tf.constant(1));
    Operand<TFloat32> y1 = tf.expandDims(last(tf, rois, 3), tf.constant(1));
    Operand<TFloat32> s = scalar(tf, size);
    Operand<TFloat32> x = last(tf, keypoints, 0);
    Operand<TFloat32> y = last(tf, keypoints, 1);
    Operand<TFloat32> cx = tf.math.floor(tf.math.mul(tf.math.sub(x, x0), tf.math.div(s, tf.math.sub(x1, x0))));
    Operand<TFloat32> cy = tf.math.floor(tf.math.mul(tf.math.sub(y, y0), tf.math.div(s, tf.math.sub(y1, y0))));
    Operand<TFloat32> lastCell = scalar(tf, size - 1);
    cx = tf.select(tf.math.equal(x, x1), tf.math.add(tf.zerosLike(cx), lastCell), cx);
    cy = tf.select(tf.math.equal(y, y1), tf.math.add(tf.zerosLike(cy), lastCell), cy);
    Operand<TFloat32> zero = scalar(tf, 0);
    Operand<TBool> inside = tf.math.logicalAnd(
        tf.math.logicalAnd(tf.math.greaterEqual(cx, zero), tf.math.greaterEqual(cy, zero)),
        tf.math.logicalAnd(tf.math.less(cx, s), tf.math.less(cy, s)));
    Operand<TBool> valid = tf.math.logicalAnd(inside, tf.math.greater(last(tf, keypoints, 2), zero));
    Operand<TFloat32> linear = tf.math.add(tf.math.mul(cy, s), cx);
    Operand<TInt32> index = tf.select(valid, tf.dtypes.cast(linear, TInt32.class), tf.zerosLike(
        tf.dtypes.cast(linear, TInt32.class)));
    return new Targets(index, valid);
  }
}
