package dev.rethink.graph.layers;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.init.Initializers;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A 2-D convolution, NHWC, with torchvision's / Detectron2's padding: {@code kernel / 2} on every side, so a
 * stride-2 layer maps {@code n} to {@code floor((n + 2·(k/2) − k) / 2) + 1} with the window centred as in
 * PyTorch (TensorFlow's "SAME" pads asymmetrically for stride 2 and would shift every feature map by a pixel).
 * Kernel {@code [k, k, in / groups, out]}, MSRA init; grouped (ResNeXt) convolutions use {@code Conv2D}'s native
 * grouping (input channels = groups · kernel input channels), which runs forward and backward on CPU.
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
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    Operand<T> y;
    int pad = kernel / 2;
    if (stride == 1 && kernel % 2 == 1) {
      y = tf.nn.conv2d(x, w, strides, "SAME"); // symmetric for odd kernels at stride 1: no Pad op needed
    } else {
      y = tf.nn.conv2d(Pooling.padSpatial(tf, x, pad, 0), w, strides, "VALID");
    }
    if (bias) {
      Variable<T> b = scope.variable(BIAS, Shape.of(outChannels), x.type(), VariableRole.BIAS, Initializers.zeros());
      y = tf.nn.biasAdd(y, b);
    }
    return y;
  }
}
