package dev.rethink.graph.model.detection.anchor;

import static dev.rethink.graph.model.detection.GraphMath.scalar;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Assigns each box (anchor or proposal) to its best ground truth, as Detectron2's {@code Matcher}: IoU below
 * {@code low} is background (label 0), at or above {@code high} foreground (1), in between ignored (-1). With
 * {@code allowLowQualityMatches} (the RPN), every box whose IoU with some ground truth equals that ground truth's
 * highest IoU (ties included) is foreground too, keeping its best-IoU assignment (Faster R-CNN paper §3.1.2,
 * condition (i)). One departure: a ground truth whose highest IoU is 0 (it overlaps no box) creates no such
 * match, where Detectron2 would mark every zero-IoU box foreground.
 *
 * @param low background below this
 * @param high foreground at or above this ({@code low == high}: no ignored band, as the RoI heads' 0.5)
 * @param allowLowQualityMatches add each ground truth's best boxes as foreground
 */
public record Matcher(double low, double high, boolean allowLowQualityMatches) {
  /** Label of foreground boxes. */
  public static final int FOREGROUND = 1;
  /** Label of background boxes. */
  public static final int BACKGROUND = 0;
  /** Label of ignored boxes (neither sampled nor in any loss). */
  public static final int IGNORED = -1;

  /** The result: for each box the index of its best ground truth, its label and its best IoU, {@code [N, A]}. */
  public record Match(Operand<TInt32> matchedIndex, Operand<TInt32> labels, Operand<TFloat32> maxIou) {}

  /** Matches from an IoU matrix {@code [N, G, A]} whose padded ground-truth rows hold a negative IoU. */
  public Match match(Ops tf, Operand<TFloat32> iou) {
    Operand<TFloat32> maxIou = tf.reduceMax(iou, tf.constant(1)); // [N, A]
    Operand<TInt32> matched = tf.math.argMax(iou, tf.constant(1), TInt32.class);
    Operand<TInt32> labels = tf.select(tf.math.greaterEqual(maxIou, scalar(tf, high)), tf.constant(FOREGROUND),
        tf.select(tf.math.less(maxIou, scalar(tf, low)), tf.constant(BACKGROUND), tf.constant(IGNORED)));
    if (allowLowQualityMatches) {
      Operand<TFloat32> best = tf.reduceMax(iou, tf.constant(2), ReduceMax.keepDims(true)); // [N, G, 1]
      Operand<TBool> isBest = tf.math.logicalAnd(tf.math.equal(iou, best), tf.math.greater(best, scalar(tf, 0)));
      labels = tf.select(tf.any(isBest, tf.constant(1)), tf.constant(FOREGROUND), labels);
    }
    return new Match(matched, labels, maxIou);
  }
}
