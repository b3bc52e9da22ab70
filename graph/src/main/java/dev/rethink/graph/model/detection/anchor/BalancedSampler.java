package dev.rethink.graph.model.detection.anchor;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Seeded balanced sampling of labelled boxes per image, as Detectron2's {@code subsample_labels}: at most
 * {@code floor(batchPerImage · positiveFraction)} foreground boxes, then background boxes up to {@code
 * batchPerImage} in all, each chosen uniformly at random within its label. Deterministic given the seed: every box
 * draws a 63-bit key from {@code StatelessRandomUniformInt} and the boxes with the largest keys are taken (with
 * keys that wide, a tie at the cut has probability below 1e-12 per image).
 */
public final class BalancedSampler {
  private BalancedSampler() {}

  /** The sampled boxes, {@code [N, A]} each. */
  public record Sample(Operand<TBool> positive, Operand<TBool> negative) {}

  /**
   * Samples from {@code labels [N, A]} (1 foreground, 0 background, -1 ignored) with the stateless {@code seed}
   * (int64 [2]; vary it per step, e.g. {@code [variantSeed, step]}).
   */
  public static Sample sample(Ops tf, Operand<TInt32> labels, int batchPerImage, double positiveFraction,
      Operand<TInt64> seed) {
    int maxPositives = (int) (batchPerImage * positiveFraction);
    Operand<TInt64> keys = tf.random.statelessRandomUniformInt(tf.shape(labels), seed, tf.constant(0L),
        tf.constant(Long.MAX_VALUE));
    Operand<TBool> fg = tf.math.equal(labels, tf.constant(Matcher.FOREGROUND));
    Operand<TBool> bg = tf.math.equal(labels, tf.constant(Matcher.BACKGROUND));
    Operand<TInt32> rows = tf.gather(tf.shape(labels), tf.constant(new int[] {0}), tf.constant(0));
    Operand<TBool> positive = takeLargest(tf, fg, keys, tf.fill(rows, tf.constant(maxPositives)), maxPositives);
    Operand<TInt32> positives = tf.sum(tf.dtypes.cast(positive, TInt32.class), tf.constant(1));
    Operand<TBool> negative = takeLargest(tf, bg, keys,
        tf.math.sub(tf.constant(batchPerImage), positives), batchPerImage);
    return new Sample(positive, negative);
  }

  /**
   * The {@code count[n]} candidates of row n with the largest keys (all candidates when fewer);
   * {@code count <= maxCount}.
   */
  static Operand<TBool> takeLargest(Ops tf, Operand<TBool> candidates, Operand<TInt64> keys, Operand<TInt32> count,
      int maxCount) {
    if (maxCount == 0) {
      return tf.math.logicalAnd(candidates, tf.constant(false));
    }
    Operand<TInt64> masked = tf.select(candidates, keys, tf.constant(-1L));
    Operand<TInt32> width = tf.gather(tf.shape(candidates), tf.constant(1), tf.constant(0));
    Operand<TInt32> k = tf.math.minimum(tf.constant(maxCount), width);
    Operand<TInt64> top = tf.nn.topK(masked, k, TInt32.class).values(); // [N, k], descending
    Operand<TInt32> at = tf.math.maximum(tf.math.minimum(count, k), tf.constant(1));
    Operand<TInt64> cut = tf.gather(top, tf.math.sub(at, tf.constant(1)), tf.constant(1), Gather.batchDims(1L));
    Operand<TBool> selected = tf.math.logicalAnd(candidates,
        tf.math.greaterEqual(masked, tf.expandDims(cut, tf.constant(1))));
    return tf.math.logicalAnd(selected, tf.expandDims(tf.math.greater(count, tf.constant(0)), tf.constant(1)));
  }

  /** Number of true entries per row, {@code [N]}. */
  public static Operand<TInt32> countPerRow(Ops tf, Operand<TBool> mask) {
    return tf.sum(tf.dtypes.cast(mask, TInt32.class), tf.constant(1));
  }
}
