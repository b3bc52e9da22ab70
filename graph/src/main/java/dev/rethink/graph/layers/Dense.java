package dev.rethink.graph.layers;

import dev.rethink.graph.core.Initializer;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.init.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A fully connected layer {@code x · W + b} on {@code [batch, in]}, {@code W} of shape {@code [in, units]}.
 *
 * @param units output width
 * @param kernelInit initializer of {@code W} (biases start at 0)
 */
public record Dense(int units, Initializer kernelInit) {
  /** Kernel variable name. */
  public static final String KERNEL = "kernel";
  /** Bias variable name. */
  public static final String BIAS = "bias";

  /** Applies the layer; its variables are {@code scope.path()/kernel} and {@code /bias}. */
  public <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x) {
    Shape s = x.shape();
    if (s.numDimensions() != 2 || s.get(1) < 0) {
      throw new IllegalArgumentException(scope.path() + ": needs [batch, features] with known features, got " + s);
    }
    Ops tf = scope.tf();
    Variable<T> w = scope.variable(KERNEL, Shape.of(s.get(1), units), x.type(), VariableRole.KERNEL, kernelInit);
    Variable<T> b = scope.variable(BIAS, Shape.of(units), x.type(), VariableRole.BIAS,
        Initializers.zeros());
    return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
  }
}
