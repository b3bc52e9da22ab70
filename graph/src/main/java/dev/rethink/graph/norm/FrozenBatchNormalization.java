package dev.rethink.graph.norm;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * {@link dev.rethink.dsl.norm.FrozenBatchNorm}: a fixed per-channel affine transform
 * {@code y = (x − mean) / sqrt(var + ε) · γ + β} whose four variables ({@code gamma}, {@code beta},
 * {@code moving_mean}, {@code moving_variance}, named as BN's so a BN checkpoint loads into it) are never
 * trained. Detectron2's {@code FrozenBatchNorm2d}; also what BN becomes in a frozen stage.
 */
public final class FrozenBatchNormalization implements Normalization {
  private final double epsilon;

  public FrozenBatchNormalization(double epsilon) {
    this.epsilon = epsilon;
  }

  @Override
  public boolean convolutionBias() {
    return false;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x) {
    LayerScope frozen = scope.frozen();
    int c = Nhwc.channels(x, scope.path());
    Class<T> type = x.type();
    return affine(scope.tf(), x, NormParameters.gamma(frozen, c, type), NormParameters.beta(frozen, c, type),
        NormParameters.movingMean(frozen, c, type), NormParameters.movingVariance(frozen, c, type), epsilon);
  }

  /**
   * {@code (x − mean) · rsqrt(var + ε) · γ + β} per channel (last axis), computed as {@code x · scale + shift}
   * with {@code scale = γ · rsqrt(var + ε)}, {@code shift = β − mean · scale}. Any floating type.
   */
  public static <T extends TFloating> Operand<T> affine(Ops tf, Operand<T> x, Operand<T> gamma, Operand<T> beta,
      Operand<T> mean, Operand<T> variance, double epsilon) {
    Operand<T> scale = tf.math.mul(gamma, tf.math.rsqrt(tf.math.add(variance, tf.constant(x.type(), epsilon))));
    Operand<T> shift = tf.math.sub(beta, tf.math.mul(mean, scale));
    return tf.math.add(tf.math.mul(x, scale), shift);
  }
}
