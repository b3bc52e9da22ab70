package dev.rethink.graph.model.detection.loss;

import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.toFloat;

import dev.rethink.graph.model.detection.anchor.BalancedSampler;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Loss terms of Faster / Mask / Keypoint R-CNN as Detectron2 computes them. Regression targets outside the
 * foreground are replaced by 0 before use, so a padded or degenerate ground-truth box (whose encoding is
 * infinite) cannot leak a NaN into the gradient.
 */
public final class DetectionLosses {
  private DetectionLosses() {}

  /** Binary cross-entropy with logits, elementwise, in the stable form {@code max(x,0) - x z + log(1 + e^-|x|)}. */
  public static Operand<TFloat32> sigmoidCrossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> targets) {
    return tf.math.add(tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, targets)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
  }

  /**
   * Smooth L1 (Fast R-CNN paper, eq. 3, with Detectron2's {@code beta}): {@code 0.5 x² / beta} where
   * {@code |x| < beta}, else {@code |x| - 0.5 beta}; {@code beta = 0} gives L1.
   */
  public static Operand<TFloat32> smoothL1(Ops tf, Operand<TFloat32> x, double beta) {
    Operand<TFloat32> abs = tf.math.abs(x);
    if (beta < 1e-5) {
      return abs; // Detectron2's smooth_l1_loss switches to L1 below 1e-5.
    }
    return tf.select(tf.math.less(abs, scalar(tf, beta)),
        tf.math.div(tf.math.mul(scalar(tf, 0.5), tf.math.square(x)), scalar(tf, beta)),
        tf.math.sub(abs, scalar(tf, 0.5 * beta)));
  }

  /** The RPN's two terms. */
  public record RpnLosses(Operand<TFloat32> objectness, Operand<TFloat32> localization) {}

  /**
   * Detectron2 {@code StandardRPNHead} losses: BCE over the sampled anchors and box regression over the sampled
   * foreground anchors, both summed and divided by {@code anchorsPerImage × N} (the nominal sample size).
   *
   * @param logits objectness logits {@code [N, A]} (N may be dynamic)
   * @param deltas predicted deltas {@code [N, A, 4]}
   * @param targets encoded matched ground truth {@code [N, A, 4]} (used where sampled foreground)
   */
  public static RpnLosses rpn(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> deltas, Operand<TFloat32> targets,
      BalancedSampler.Sample sample, double beta, int anchorsPerImage) {
    Operand<TFloat32> images = toFloat(tf, tf.gather(tf.shape(logits), tf.constant(0), tf.constant(0)));
    Operand<TFloat32> normalizer = tf.math.mul(scalar(tf, anchorsPerImage), images);
    Operand<TBool> sampled = tf.math.logicalOr(sample.positive(), sample.negative());
    Operand<TFloat32> bce = sigmoidCrossEntropy(tf, logits, toFloat(tf, sample.positive()));
    Operand<TFloat32> objectness = tf.math.div(sumAll(tf, tf.select(sampled, bce, tf.zerosLike(bce))), normalizer);
    Operand<TFloat32> box = regression(tf, deltas, targets, sample.positive(), beta);
    return new RpnLosses(objectness, tf.math.div(box, normalizer));
  }

  /** The Fast R-CNN box head's two terms. */
  public record BoxLosses(Operand<TFloat32> classification, Operand<TFloat32> regression) {}

  /**
   * Detectron2 {@code FastRCNNOutputLayers.losses}: softmax cross-entropy averaged over the sampled RoIs, and the
   * box regression of the ground-truth class (class-specific) summed over foreground RoIs and divided by the number
   * of sampled RoIs.
   *
   * @param classLogits {@code [M, K + 1]}, column 0 background
   * @param boxDeltas {@code [M, 4K]} class-specific or {@code [M, 4]} agnostic
   * @param classes ground-truth class per RoI {@code [M]}: 0 background, 1…K foreground
   * @param targets encoded matched ground truth {@code [M, 4]}
   * @param valid sampled (non-padding) RoIs {@code [M]}
   */
  public static BoxLosses fastRcnn(Ops tf, Operand<TFloat32> classLogits, Operand<TFloat32> boxDeltas,
      Operand<TInt32> classes, Operand<TFloat32> targets, Operand<TBool> valid, int numClasses,
      boolean classSpecific, double beta) {
    Operand<TFloat32> oneHot = tf.oneHot(classes, tf.constant(numClasses + 1), scalar(tf, 1), scalar(tf, 0));
    Operand<TFloat32> ce = tf.nn.softmaxCrossEntropyWithLogits(classLogits, oneHot).loss();
    Operand<TFloat32> count = tf.math.maximum(sumAll(tf, toFloat(tf, valid)), scalar(tf, 1));
    Operand<TFloat32> classification = tf.math.div(sumAll(tf, tf.select(valid, ce, tf.zerosLike(ce))), count);
    Operand<TBool> foreground = tf.math.logicalAnd(valid, tf.math.greater(classes, tf.constant(0)));
    Operand<TFloat32> predicted = classSpecific ? ofClass(tf, boxDeltas, classes, numClasses) : boxDeltas;
    return new BoxLosses(classification, tf.math.div(regression(tf, predicted, targets, foreground, beta), count));
  }

  /**
   * Detectron2 {@code mask_rcnn_loss}: per-pixel BCE of the ground-truth class's mask logits against the cropped
   * targets, averaged over foreground RoIs and pixels (0 without foreground).
   *
   * @param maskLogits {@code [M, R, R, K]} class-specific or {@code [M, R, R, 1]}
   * @param targets {@code [M, R, R]}
   * @param foreground RoIs that carry a mask loss {@code [M]}
   */
  public static Operand<TFloat32> mask(Ops tf, Operand<TFloat32> maskLogits, Operand<TInt32> classes,
      Operand<TFloat32> targets, Operand<TBool> foreground, int numClasses, boolean classSpecific) {
    Operand<TFloat32> logits;
    if (classSpecific) {
      Operand<TFloat32> pick = tf.oneHot(tf.math.maximum(tf.math.sub(classes, tf.constant(1)), tf.constant(0)),
          tf.constant(numClasses), scalar(tf, 1), scalar(tf, 0)); // [M, K]
      logits = tf.sum(tf.math.mul(maskLogits, tf.reshape(pick, tf.constant(new int[] {-1, 1, 1, numClasses}))),
          tf.constant(-1));
    } else {
      logits = tf.sum(maskLogits, tf.constant(-1));
    }
    Operand<TFloat32> bce = sigmoidCrossEntropy(tf, logits, targets);
    Operand<TFloat32> perRoi = tf.sum(bce, tf.constant(new int[] {1, 2})); // [M]
    Operand<TInt32> shape = tf.shape(targets);
    Operand<TFloat32> pixels = tf.math.mul(toFloat(tf, tf.math.mul(tf.gather(shape, tf.constant(1), tf.constant(0)),
        tf.gather(shape, tf.constant(2), tf.constant(0)))), sumAll(tf, toFloat(tf, foreground)));
    return tf.math.div(sumAll(tf, tf.select(foreground, perRoi, tf.zerosLike(perRoi))),
        tf.math.maximum(pixels, scalar(tf, 1)));
  }

  /**
   * Detectron2 {@code keypoint_rcnn_loss}: for every valid (visible, inside the RoI) keypoint, softmax
   * cross-entropy over the {@code S×S} heatmap positions against its target cell, summed and divided by the number
   * of valid keypoints ({@code NORMALIZE_LOSS_BY_VISIBLE_KEYPOINTS}); 0 without any.
   *
   * @param logits heatmap logits {@code [M, S, S, K]}
   * @param index target cell {@code y · S + x} per RoI and keypoint {@code [M, K]}
   * @param valid {@code [M, K]}
   */
  public static Operand<TFloat32> keypoint(Ops tf, Operand<TFloat32> logits, Operand<TInt32> index,
      Operand<TBool> valid) {
    Operand<TInt32> shape = tf.shape(logits);
    Operand<TInt32> cells = tf.math.mul(tf.gather(shape, tf.constant(1), tf.constant(0)),
        tf.gather(shape, tf.constant(2), tf.constant(0)));
    Operand<TFloat32> perKeypoint = tf.reshape(tf.linalg.transpose(logits, tf.constant(new int[] {0, 3, 1, 2})),
        tf.stack(List.of(tf.constant(-1), cells))); // [M·K, S·S]
    Operand<TFloat32> oneHot = tf.oneHot(tf.reshape(index, tf.constant(new int[] {-1})), cells, scalar(tf, 1),
        scalar(tf, 0));
    Operand<TFloat32> ce = tf.reshape(tf.nn.softmaxCrossEntropyWithLogits(perKeypoint, oneHot).loss(),
        tf.shape(index));
    Operand<TFloat32> count = tf.math.maximum(sumAll(tf, toFloat(tf, valid)), scalar(tf, 1));
    return tf.math.div(sumAll(tf, tf.select(valid, ce, tf.zerosLike(ce))), count);
  }

  /** The deltas {@code [M, 4]} of each RoI's class from class-specific deltas {@code [M, 4K]}. */
  static Operand<TFloat32> ofClass(Ops tf, Operand<TFloat32> deltas, Operand<TInt32> classes, int numClasses) {
    Operand<TFloat32> perClass = tf.reshape(deltas, tf.constant(new int[] {-1, numClasses, 4}));
    Operand<TFloat32> pick = tf.oneHot(tf.math.maximum(tf.math.sub(classes, tf.constant(1)), tf.constant(0)),
        tf.constant(numClasses), scalar(tf, 1), scalar(tf, 0));
    return tf.sum(tf.math.mul(perClass, tf.expandDims(pick, tf.constant(-1))), tf.constant(1));
  }

  /** Smooth-L1 of {@code predicted - targets} summed over the rows where {@code where} holds. */
  private static Operand<TFloat32> regression(Ops tf, Operand<TFloat32> predicted, Operand<TFloat32> targets,
      Operand<TBool> where, double beta) {
    Operand<TBool> rows = tf.expandDims(where, tf.constant(-1));
    Operand<TFloat32> safeTargets = tf.select(rows, targets, tf.zerosLike(targets));
    Operand<TFloat32> l = smoothL1(tf, tf.math.sub(predicted, safeTargets), beta);
    return sumAll(tf, tf.select(rows, l, tf.zerosLike(l)));
  }

  static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
    return tf.sum(x, tf.range(tf.constant(0), tf.rank(x), tf.constant(1)));
  }
}
