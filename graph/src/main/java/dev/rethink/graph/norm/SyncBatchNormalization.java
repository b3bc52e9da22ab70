package dev.rethink.graph.norm;

import dev.rethink.graph.core.CrossTowerReducer;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * {@link dev.rethink.dsl.norm.SyncBatchNorm}: BN whose batch statistics cover the batches of all training towers.
 *
 * <p>The statistics are built from differentiable sums that the tower's {@link CrossTowerReducer} adds across
 * towers: the count {@code n}, {@code Σx} (giving the mean μ), then {@code Σ(x − μ)²} (giving the biased variance
 * used to normalize; two passes rather than {@code Σx²} for float32 accuracy). The moving variance gets the
 * unbiased variance {@code n / (n − 1)} times that, as PyTorch's {@code SyncBatchNorm}. With one tower the result
 * equals {@link BatchNormalization} over the whole batch; with several towers
 * ({@link dev.rethink.graph.core.TowerGroup}) it equals BN over the union of their batches, gradients included.
 * A tower without rows (zero RoIs in a head) contributes nothing and divides by nothing: the counts are summed
 * over the towers first. Inference uses the moving statistics.
 */
public final class SyncBatchNormalization implements Normalization {
  private final double momentum;
  private final double epsilon;

  public SyncBatchNormalization(double momentum, double epsilon) {
    this.momentum = momentum;
    this.epsilon = epsilon;
  }

  @Override
  public boolean convolutionBias() {
    return false;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x) {
    int c = Nhwc.channels(x, scope.path());
    Class<T> type = x.type();
    Ops tf = scope.tf();
    Variable<T> gamma = NormParameters.gamma(scope, c, type);
    Variable<T> beta = NormParameters.beta(scope, c, type);
    Variable<T> movingMean = NormParameters.movingMean(scope, c, type);
    Variable<T> movingVariance = NormParameters.movingVariance(scope, c, type);
    if (!scope.training()) {
      return FrozenBatchNormalization.affine(tf, x, gamma, beta, movingMean, movingVariance, epsilon);
    }
    Statistics<T> stats = statistics(tf, x, scope.tower().reducer(), scope.path());
    scope.movingAverage(movingMean, stats.mean(), momentum);
    scope.movingAverage(movingVariance, stats.unbiasedVariance(), momentum);
    return FrozenBatchNormalization.affine(tf, x, gamma, beta, stats.mean(), stats.variance(), epsilon);
  }

  /**
   * Per-channel statistics of the global batch.
   *
   * @param mean the mean over all towers' N, H, W
   * @param variance the biased variance (normalization)
   * @param unbiasedVariance {@code variance · n / (n − 1)} (moving average)
   */
  public record Statistics<T extends TFloating>(Operand<T> mean, Operand<T> variance, Operand<T> unbiasedVariance) {}

  /** The statistics of {@code x [N, H, W, C]} over N, H, W, summed across towers by {@code reducer}. */
  public static <T extends TFloating> Statistics<T> statistics(Ops tf, Operand<T> x, CrossTowerReducer reducer,
      String key) {
    Class<T> type = x.type();
    Operand<TInt32> axes = tf.constant(new int[] {0, 1, 2});
    Operand<TInt32> nhw = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {3}));
    Operand<T> localCount = tf.dtypes.cast(tf.prod(nhw, tf.constant(0)), type);
    Operand<T> count = reducer.sum(tf, key + "/count", localCount);
    // A tower with no rows (a detector head without RoIs) adds zeros; only a step without any row would divide
    // by zero, and there the count of 1 gives mean 0 and variance 0 instead of NaN (detectron2#366).
    Operand<T> one = tf.constant(type, 1);
    Operand<T> divisor = tf.math.maximum(count, one);
    Operand<T> mean = tf.math.div(reducer.sum(tf, key + "/sum", tf.sum(x, axes)), divisor);
    Operand<T> squares = reducer.sum(tf, key + "/squares", tf.sum(tf.math.square(tf.math.sub(x, mean)), axes));
    Operand<T> variance = tf.math.div(squares, divisor);
    Operand<T> unbiased = tf.math.div(squares, tf.math.maximum(tf.math.sub(count, one), one));
    return new Statistics<>(mean, variance, unbiased);
  }
}
