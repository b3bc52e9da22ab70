package dev.rethink.graph.init;

import dev.rethink.dsl.init.MsraFill;
import dev.rethink.graph.core.Initializer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * The initializers of the model's variables. Standard deviations are computed in Java; values come from
 * {@code StatelessRandomNormal} (the framework's {@code VarianceScaling} opens a session per variable, which makes
 * graph building quadratic).
 */
public final class Initializers {
  /**
   * Std of the classifier's fully connected weights: N(0, 0.01), Detectron's / Caffe2's {@code GaussianFill} for
   * the ImageNet classification head.
   */
  public static final double CLASSIFIER_WEIGHT_STD = 0.01;

  private Initializers() {}

  /**
   * {@link MsraFill} for a convolution kernel: N(0, std²) with {@code std = sqrt(2 / fan_out)},
   * {@code fan_out = kh · kw · outChannels} (Detectron's {@code c2_msra_fill}; PyTorch's
   * {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")}). Grouped convolutions use the same fan-out.
   */
  public static Initializer msraFill(int kernelHeight, int kernelWidth, int outChannels) {
    return normal(msraStd(kernelHeight, kernelWidth, outChannels));
  }

  /** The MSRA standard deviation {@code sqrt(2 / (kh · kw · outChannels))}. */
  public static double msraStd(int kernelHeight, int kernelWidth, int outChannels) {
    return Math.sqrt(2.0 / ((double) kernelHeight * kernelWidth * outChannels));
  }

  /** N(0, std²), from {@code StatelessRandomNormal}. */
  public static Initializer normal(double std) {
    return new Initializer() {
      @Override
      public <T extends TNumber> Operand<T> initialValue(Ops tf, Shape shape, Class<T> type, Operand<TInt64> seed) {
        Operand<T> unit = tf.random.statelessRandomNormal(tf.constant(shape.asArray()), seed, type);
        return tf.math.mul(unit, tf.constant(type, std));
      }
    };
  }

  /** All zeros (biases, norm shifts, moving means, momentum buffers, the step). */
  public static Initializer zeros() {
    return constant(0);
  }

  /** All ones (norm scales, moving variances). */
  public static Initializer ones() {
    return constant(1);
  }

  /** Every element equal to {@code value}. */
  public static Initializer constant(double value) {
    return new Initializer() {
      @Override
      public <T extends TNumber> Operand<T> initialValue(Ops tf, Shape shape, Class<T> type, Operand<TInt64> seed) {
        return tf.fill(tf.constant(shape.asArray()), tf.constant(type, value));
      }
    };
  }
}
