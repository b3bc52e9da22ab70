package dev.rethink.graph.layers;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import dev.rethink.graph.core.OneDnn;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.init.Initializers;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A 2-D convolution, NHWC, with torchvision's / Detectron2's padding: {@code kernel / 2} on every side, so a
 * stride-2 layer maps {@code n} to {@code floor((n + 2·(k/2) − k) / 2) + 1} with the window centred as in
 * PyTorch (TensorFlow's "SAME" pads asymmetrically for stride 2 and would shift every feature map by a pixel).
 * Kernel {@code [k, k, in / groups, out]}, MSRA init; grouped (ResNeXt) convolutions use {@code Conv2D}'s native
 * grouping (input channels = groups · kernel input channels), which oneDNN runs forward and backward on CPU;
 * with oneDNN off, TensorFlow has no CPU gradient for it, so the groups are convolved one by one and concatenated.
 * A strided 1×1 convolution of fewer than {@link OneDnn#SIMD_FLOATS} channels subsamples first and convolves at
 * stride 1 — the same products and sums — because oneDNN's strided 1×1 weight gradient breaks there (see
 * {@link OneDnn}).
 *
 * @param kernel square kernel size
 * @param outChannels output channels
 * @param stride stride in both directions
 * @param groups channel groups (1 for a dense convolution)
 * @param bias whether a bias is added (only when no normalization follows)
 */
public record Conv2d(int kernel, int outChannels, int stride, int groups, boolean bias) {
  /** The kernel variable's name within the layer. */
  public static final String KERNEL = "kernel";
  /** The bias variable's name within the layer. */
  public static final String BIAS = "bias";
  /** A bit mask over the four NHWC axes. */
  private static final long ALL_AXES = 0b1111;

  public Conv2d {
    if (kernel < 1 || outChannels < 1 || stride < 1 || groups < 1 || outChannels % groups != 0) {
      throw new IllegalArgumentException("invalid convolution: kernel=" + kernel + ", outChannels=" + outChannels
          + ", stride=" + stride + ", groups=" + groups + " (all >= 1, outChannels divisible by groups)");
    }
  }

  /** A {@code kernel}×{@code kernel} convolution to {@code outChannels}, stride 1, no groups, no bias. */
  public static Conv2d of(int kernel, int outChannels) {
    return new Conv2d(kernel, outChannels, 1, 1, false);
  }

  public Conv2d withStride(int s) {
    return new Conv2d(kernel, outChannels, s, groups, bias);
  }

  public Conv2d withGroups(int g) {
    return new Conv2d(kernel, outChannels, stride, g, bias);
  }

  public Conv2d withBias(boolean b) {
    return new Conv2d(kernel, outChannels, stride, groups, b);
  }

  /** Applies the convolution; its variables are {@code scope.path()/kernel} (and {@code /bias}). */
  public <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x) {
    int in = Nhwc.channels(x, scope.path());
    if (in % groups != 0) {
      throw new IllegalArgumentException(scope.path() + ": " + in + " input channels are not divisible by groups="
          + groups);
    }
    Ops tf = scope.tf();
    Variable<T> w = scope.variable(KERNEL, Shape.of(kernel, kernel, in / groups, outChannels), x.type(),
        VariableRole.KERNEL, Initializers.msraFill(kernel, kernel, outChannels));
    Operand<T> y;
    if (groups > 1 && !OneDnn.enabled()) {
      y = perGroup(tf, x, w, in / groups, outChannels / groups);
    } else {
      y = convolve(tf, x, w, in / groups);
    }
    if (bias) {
      Variable<T> b = scope.variable(BIAS, Shape.of(outChannels), x.type(), VariableRole.BIAS, Initializers.zeros());
      y = tf.nn.biasAdd(y, b);
    }
    return y;
  }

  /** {@code kernelIn}: the kernel's input channels (per group). */
  private <T extends TFloating> Operand<T> convolve(Ops tf, Operand<T> x, Operand<T> w, int kernelIn) {
    List<Long> unit = List.of(1L, 1L, 1L, 1L);
    if (stride == 1 && kernel % 2 == 1) {
      return tf.nn.conv2d(x, w, unit, "SAME"); // symmetric for odd kernels at stride 1: no Pad op needed
    }
    if (kernel == 1 && kernelIn < OneDnn.SIMD_FLOATS) {
      return tf.nn.conv2d(subsample(tf, x), w, unit, "VALID");
    }
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    return tf.nn.conv2d(Pooling.padSpatial(tf, x, kernel / 2, 0), w, strides, "VALID");
  }

  /** Every {@code stride}-th row and column from the first: the pixels a 1×1 window at this stride sees. */
  private <T extends TFloating> Operand<T> subsample(Ops tf, Operand<T> x) {
    return tf.stridedSlice(x, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {0, 0, 0, 0}),
        tf.constant(new int[] {1, stride, stride, 1}), StridedSlice.beginMask(ALL_AXES),
        StridedSlice.endMask(ALL_AXES));
  }

  /** Group {@code i} convolves channels {@code [i·in, (i+1)·in)} with kernel columns {@code [i·out, (i+1)·out)}. */
  private <T extends TFloating> Operand<T> perGroup(Ops tf, Operand<T> x, Operand<T> w, int in, int out) {
    List<Operand<T>> parts = new ArrayList<>(groups);
    for (int i = 0; i < groups; i++) {
      Operand<T> xi = tf.slice(x, tf.constant(new int[] {0, 0, 0, i * in}), tf.constant(new int[] {-1, -1, -1, in}));
      Operand<T> wi = tf.slice(w, tf.constant(new int[] {0, 0, 0, i * out}),
          tf.constant(new int[] {-1, -1, -1, out}));
      parts.add(convolve(tf, xi, wi, in));
    }
    return tf.concat(parts, tf.constant(Nhwc.CHANNELS));
  }
}
