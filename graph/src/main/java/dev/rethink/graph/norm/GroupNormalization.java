package dev.rethink.graph.norm;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * {@link dev.rethink.dsl.norm.GroupNorm} (Wu &amp; He, 2018): per sample, the channels are split into
 * {@code groups} groups, each normalized by its mean and (biased) variance over height, width and the group's
 * channels, then scaled and shifted per channel. Identical in training and inference; no moving statistics.
 */
public final class GroupNormalization implements Normalization {
  private final int groups;
  private final double epsilon;

  public GroupNormalization(int groups, double epsilon) {
    this.groups = groups;
    this.epsilon = epsilon;
  }

  @Override
  public boolean convolutionBias() {
    return false;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x) {
    int c = Nhwc.channels(x, scope.path());
    if (c % groups != 0) {
      throw new IllegalArgumentException(scope.path() + ": GroupNorm(groups=" + groups + ") needs channels divisible"
          + " by " + groups + ", got " + c);
    }
    return normalize(scope.tf(), x, NormParameters.gamma(scope, c, x.type()), NormParameters.beta(scope, c, x.type()),
        groups, epsilon);
  }

  /**
   * Group normalization of {@code x [N, H, W, C]} (static C, dynamic N, H, W): reshape to
   * {@code [N, H, W, G, C/G]}, moments over axes {1, 2, 4}, normalize, reshape back, {@code · γ + β}. Any floating
   * type.
   */
  public static <T extends TFloating> Operand<T> normalize(Ops tf, Operand<T> x, Operand<T> gamma, Operand<T> beta,
      int groups, double epsilon) {
    int c = Nhwc.channels(x, "GroupNorm");
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> nhw = tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {3}));
    Operand<TInt32> grouped = tf.concat(java.util.List.of(nhw, tf.constant(new int[] {groups, c / groups})),
        tf.constant(0));
    Operand<T> xg = tf.reshape(x, grouped);
    Operand<TInt32> axes = tf.constant(new int[] {1, 2, 4});
    Operand<T> mean = tf.math.mean(xg, axes, Mean.keepDims(true));
    Operand<T> centered = tf.math.sub(xg, mean);
    Operand<T> variance = tf.math.mean(tf.math.square(centered), axes, Mean.keepDims(true));
    Operand<T> normalized = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant(x.type(),
        epsilon))));
    return tf.math.add(tf.math.mul(tf.reshape(normalized, shape), gamma), beta);
  }
}
