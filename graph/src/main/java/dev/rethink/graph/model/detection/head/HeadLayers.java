package dev.rethink.graph.model.detection.head;

import dev.rethink.graph.core.Initializer;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.Nhwc;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.init.Initializers;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Layers the heads need beyond {@code dev.rethink.graph.layers}: convolutions and fully connected layers with the
 * Gaussian initializations Detectron2 gives its predictors, and transposed convolutions built from ops whose
 * gradients TensorFlow's C++ registry has ({@code Conv2DBackpropInput} has none there).
 */
public final class HeadLayers {
  /** Detectron2's RPN head and box classifier init: N(0, 0.01²) ({@code nn.init.normal_(std=0.01)}). */
  public static final double PREDICTOR_STD = 0.01;
  /** Detectron2's box regressor and mask predictor init: N(0, 0.001²). */
  public static final double REGRESSOR_STD = 0.001;

  private HeadLayers() {}

  /** A stride-1, "same"-padded {@code k×k} convolution with bias, kernel drawn from {@code init}. */
  public static Operand<TFloat32> conv(LayerScope scope, Operand<TFloat32> x, int k, int out, Initializer init) {
    Ops tf = scope.tf();
    int in = Nhwc.channels(x, scope.path());
    Variable<TFloat32> w = scope.variable("kernel", Shape.of(k, k, in, out), TFloat32.class, VariableRole.KERNEL,
        init);
    Variable<TFloat32> b = scope.variable("bias", Shape.of(out), TFloat32.class, VariableRole.BIAS,
        Initializers.zeros());
    return tf.nn.biasAdd(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "SAME"), b);
  }

  /**
   * A fully connected layer {@code x W + b} on {@code [M, in]}, {@code W ~ init}. Detectron2 initializes its box
   * head's fc layers with {@code c2_xavier_fill} (uniform, variance {@code 1/in}); {@link #xavier} gives that
   * variance with a Gaussian.
   */
  public static Operand<TFloat32> dense(LayerScope scope, Operand<TFloat32> x, int units, Initializer init) {
    Ops tf = scope.tf();
    int in = (int) x.shape().get(1);
    Variable<TFloat32> w = scope.variable("kernel", Shape.of(in, units), TFloat32.class, VariableRole.KERNEL, init);
    Variable<TFloat32> b = scope.variable("bias", Shape.of(units), TFloat32.class, VariableRole.BIAS,
        Initializers.zeros());
    return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
  }

  /** N(0, 1/fanIn): the variance of Caffe2's {@code XavierFill}. */
  public static Initializer xavier(int fanIn) {
    return Initializers.normal(Math.sqrt(1.0 / fanIn));
  }

  /**
   * A 2×2 stride-2 transposed convolution with bias (Mask R-CNN's mask-head {@code deconv}). With kernel = stride
   * the output blocks do not overlap: output {@code (2i+a, 2j+b)} is {@code x(i, j) · W[a, b]}, i.e. a 1×1
   * convolution to {@code 4·out} channels rearranged by {@code DepthToSpace(2)}. Kernel {@code [1, 1, in, 4 out]}
   * holds the same {@code 2·2·in·out} weights; MSRA init with the transposed conv's fan-out.
   */
  public static Operand<TFloat32> deconv2x2(LayerScope scope, Operand<TFloat32> x, int out) {
    Ops tf = scope.tf();
    int in = Nhwc.channels(x, scope.path());
    Variable<TFloat32> w = scope.variable("kernel", Shape.of(1, 1, in, 4L * out), TFloat32.class,
        VariableRole.KERNEL, Initializers.msraFill(2, 2, out));
    Variable<TFloat32> b = scope.variable("bias", Shape.of(out), TFloat32.class, VariableRole.BIAS,
        Initializers.zeros());
    Operand<TFloat32> y = tf.nn.depthToSpace(tf.nn.conv2d(x, w, List.of(1L, 1L, 1L, 1L), "VALID"), 2L);
    return tf.nn.biasAdd(y, b);
  }

  /**
   * A 4×4 stride-2 padding-1 transposed convolution with bias (Detectron2's keypoint {@code score_lowres}, size
   * {@code n → 2n}): zeros are inserted between input pixels ({@code n → 2n - 1}), the result is padded by
   * {@code k - 1 - p = 2} and convolved "valid" with a 4×4 kernel — the transposed convolution up to a flip of its
   * learned kernel. Kernel init N(0, 0.001²) (Detectron2: {@code kaiming_normal_(fan_out)}; the keypoint logits
   * start near 0 either way).
   */
  public static Operand<TFloat32> deconv4x4(LayerScope scope, Operand<TFloat32> x, int out, Initializer init) {
    Ops tf = scope.tf();
    int in = Nhwc.channels(x, scope.path());
    Variable<TFloat32> w = scope.variable("kernel", Shape.of(4, 4, in, out), TFloat32.class, VariableRole.KERNEL,
        init);
    Variable<TFloat32> b = scope.variable("bias", Shape.of(out), TFloat32.class, VariableRole.BIAS,
        Initializers.zeros());
    Operand<TFloat32> dilated = insertZeros(tf, x, in);
    // 2n - 1 dilated pixels + one zero (from insertZeros) + padding 2 before and 1 after = 2n + 3 → 2n.
    Operand<TFloat32> padded = tf.pad(dilated, tf.constant(new int[][] {{0, 0}, {2, 1}, {2, 1}, {0, 0}}),
        tf.constant(0f));
    return tf.nn.biasAdd(tf.nn.conv2d(padded, w, List.of(1L, 1L, 1L, 1L), "VALID"), b);
  }

  /**
   * {@code [M, h, w, C] → [M, 2h, 2w, C]} with each input pixel at {@code (2i, 2j)} and zeros elsewhere (the
   * last zero row and column stand in for one row and column of padding). Static spatial size (RoI features).
   */
  private static Operand<TFloat32> insertZeros(Ops tf, Operand<TFloat32> x, int channels) {
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    Operand<TFloat32> rows = tf.reshape(tf.stack(List.of(x, tf.zerosLike(x)), Stack.axis(2L)),
        tf.constant(new long[] {-1, 2 * h, w, channels}));
    return tf.reshape(tf.stack(List.of(rows, tf.zerosLike(rows)), Stack.axis(3L)),
        tf.constant(new long[] {-1, 2 * h, 2 * w, channels}));
  }
}
