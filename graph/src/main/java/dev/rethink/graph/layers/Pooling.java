package dev.rethink.graph.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/** Pooling and padding on NHWC tensors. */
public final class Pooling {
  private Pooling() {}

  /**
   * Max-pooling with {@code pad} pixels of −∞ on every side, as PyTorch's {@code MaxPool2d(k, s, padding)} (the
   * ResNet stem's 3×3/2 pool uses pad 1; TensorFlow's "SAME" would pad only bottom/right).
   */
  public static <T extends TFloating> Operand<T> maxPool(Ops tf, Operand<T> x, int kernel, int stride, int pad) {
    Operand<T> padded = pad == 0 ? x : padSpatial(tf, x, pad, Double.NEGATIVE_INFINITY);
    return tf.nn.maxPool(padded, tf.constant(new int[] {1, kernel, kernel, 1}),
        tf.constant(new int[] {1, stride, stride, 1}), "VALID");
  }

  /** Mean over height and width: {@code [N, H, W, C] → [N, C]}. */
  public static <T extends TFloating> Operand<T> globalAverage(Ops tf, Operand<T> x) {
    return tf.math.mean(x, tf.constant(new int[] {1, 2}));
  }

  /** Pads height and width by {@code pad} on both sides with {@code value}. */
  public static <T extends TFloating> Operand<T> padSpatial(Ops tf, Operand<T> x, int pad, double value) {
    if (pad == 0) {
      return x;
    }
    return tf.pad(x, tf.constant(new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}}), tf.constant(x.type(), value));
  }
}
