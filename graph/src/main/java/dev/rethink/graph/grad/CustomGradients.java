package dev.rethink.graph.grad;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Reshape;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The one place where gradients missing from TensorFlow's C++ gradient registry (used by {@code
 * Graph.addGradients}) are registered. Call {@link #registerAll()} before building gradients; it is idempotent.
 */
public final class CustomGradients {
  private static boolean registered;

  private CustomGradients() {}

  /** Registers every custom gradient once per JVM. */
  public static synchronized void registerAll() {
    if (registered) {
      return;
    }
    TensorFlow.registerCustomGradient(TopK.Inputs.class, CustomGradients::topK);
    registered = true;
  }

  /**
   * TopKV2: the incoming gradient of each selected value flows back to the input position it came from (as
   * TensorFlow's Python {@code _TopKGrad}); {@code k} is not differentiable.
   */
  private static List<Operand<?>> topK(Ops tf, TopK.Inputs<?> inputs, List<Output<?>> gradOutputs) {
    @SuppressWarnings("unchecked")
    Operand<TNumber> values = (Operand<TNumber>) gradOutputs.get(0);
    Operand<TInt32> indices = tf.dtypes.cast(inputs.getOutputs().indices(), TInt32.class);
    Operand<TInt32> inputShape = tf.shape(inputs.input);
    // GatherV2 takes no negative index: the last dimension is at rank - 1.
    Operand<TInt32> n = tf.gather(inputShape, tf.math.sub(tf.rank(inputs.input), tf.constant(1)), tf.constant(0));
    Operand<TInt32> k = tf.gather(tf.shape(indices), tf.math.sub(tf.rank(indices), tf.constant(1)),
        tf.constant(0));
    Reshape<TInt32> rowsIdx = tf.reshape(indices, tf.stack(List.of(tf.constant(-1), k)));
    Operand<TInt32> rows = tf.gather(tf.shape(rowsIdx), tf.constant(0), tf.constant(0));
    Operand<TInt32> offsets = tf.expandDims(tf.math.mul(tf.range(tf.constant(0), rows, tf.constant(1)), n),
        tf.constant(1));
    Operand<TInt32> flat = tf.reshape(tf.math.add(rowsIdx, offsets), tf.constant(new int[] {-1}));
    Operand<TNumber> grad = tf.reshape(values, tf.constant(new int[] {-1}));
    Operand<TNumber> scattered = tf.math.unsortedSegmentSum(grad, flat, tf.math.mul(rows, n));
    return List.of(tf.reshape(scattered, inputShape), tf.zerosLike(inputs.k));
  }
}
