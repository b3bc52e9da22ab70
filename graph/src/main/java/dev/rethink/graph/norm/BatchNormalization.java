package dev.rethink.graph.norm;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * {@link dev.rethink.dsl.norm.BatchNorm} over the tower's own batch with {@code FusedBatchNormV3}, float32 only.
 *
 * <p>Training tower: normalizes by the batch mean and biased batch variance, and records
 * {@code moving ← momentum · moving + (1 − momentum) · batch} for the mean and for the variance. The variance fed
 * to the moving average is the op's {@code batch_variance} output, the unbiased (Bessel-corrected, {@code n − 1})
 * batch variance, as PyTorch does for {@code running_var}. The op does not update moving statistics itself; the
 * train op runs the recorded assignments. Inference tower: normalizes by the moving statistics.
 *
 * <p>Several towers (in-graph data parallelism): each tower normalizes by its own batch's statistics, as
 * Detectron's BN on several GPUs does, and the step updates each moving statistic once, with the mean over the
 * towers (and accumulation passes) of their batch statistics ({@link dev.rethink.graph.core.TowerGroup}).
 */
public final class BatchNormalization implements Normalization {
  private final double momentum;
  private final double epsilon;

  /**
   * @param momentum weight of the old moving statistics in each update (Detectron2's 0.9 = PyTorch momentum 0.1)
   * @param epsilon added to the variance
   */
  public BatchNormalization(double momentum, double epsilon) {
    this.momentum = momentum;
    this.epsilon = epsilon;
  }

  @Override
  public boolean convolutionBias() {
    return false;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x) {
    if (x.type() != TFloat32.class) {
      throw new IllegalArgumentException(scope.path() + ": BatchNorm is lowered to FusedBatchNormV3, which takes"
          + " float32 here, got " + x.type().getSimpleName() + " (hint: GroupNorm and FrozenBatchNorm take any"
          + " floating type)");
    }
    int c = Nhwc.channels(x, scope.path());
    Class<T> type = x.type();
    Ops tf = scope.tf();
    Variable<T> gamma = NormParameters.gamma(scope, c, type);
    Variable<T> beta = NormParameters.beta(scope, c, type);
    Variable<T> movingMean = NormParameters.movingMean(scope, c, type);
    Variable<T> movingVariance = NormParameters.movingVariance(scope, c, type);
    if (!scope.training()) {
      return inference(tf, x, gamma, beta, movingMean, movingVariance, epsilon);
    }
    FusedBatchNorm<T, T> bn = training(tf, x, gamma, beta, epsilon);
    scope.movingAverage(movingMean, bn.batchMean(), momentum);
    scope.movingAverage(movingVariance, bn.batchVariance(), momentum);
    return bn.y();
  }

  /**
   * Training-mode {@code FusedBatchNormV3}: {@code y()} is normalized by the batch statistics,
   * {@code batchMean()} is the batch mean and {@code batchVariance()} the unbiased batch variance.
   */
  public static <T extends TFloating> FusedBatchNorm<T, T> training(Ops tf, Operand<T> x, Operand<T> gamma,
      Operand<T> beta, double epsilon) {
    // Mean and variance inputs are unused in training mode with exponential_avg_factor = 1: pass empty tensors.
    Operand<T> empty = tf.zeros(tf.constant(new int[] {0}), x.type());
    return tf.nn.fusedBatchNorm(x, gamma, beta, empty, empty, FusedBatchNorm.epsilon((float) epsilon),
        FusedBatchNorm.isTraining(true), FusedBatchNorm.dataFormat("NHWC"));
  }

  /** Inference-mode {@code FusedBatchNormV3} with the given (moving) statistics. */
  public static <T extends TFloating> Operand<T> inference(Ops tf, Operand<T> x, Operand<T> gamma, Operand<T> beta,
      Operand<T> mean, Operand<T> variance, double epsilon) {
    return tf.nn.fusedBatchNorm(x, gamma, beta, mean, variance, FusedBatchNorm.epsilon((float) epsilon),
        FusedBatchNorm.isTraining(false), FusedBatchNorm.dataFormat("NHWC")).y();
  }
}
