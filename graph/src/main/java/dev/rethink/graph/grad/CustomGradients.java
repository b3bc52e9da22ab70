package dev.rethink.graph.grad;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.CombinedNonMaxSuppression;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The one place where gradients missing from TensorFlow's C++ gradient registry (used by
 * {@code Graph.addGradients} / {@code Ops.gradients}) are registered. A non-differentiable input gets
 * {@code zerosLike}, never null.
 */
public final class CustomGradients {
  private static final AtomicBoolean REGISTERED = new AtomicBoolean();

  private CustomGradients() {}

  /** Registers every custom gradient once per process (the registry is process-wide); later calls do nothing. */
  public static void registerAll() {
    if (!REGISTERED.compareAndSet(false, true)) {
      return;
    }
    registerSparseSoftmaxCrossEntropy();
    TensorFlow.registerCustomGradient(TopK.Inputs.class, CustomGradients::topK);
    registerNoGradient(CombinedNonMaxSuppression.OP_NAME);
  }

  /**
   * A selection op that is not differentiable (its selected boxes carry no gradient, as in Detectron2, where
   * proposals are detached): every input gets zeros. The gradient builder still visits it when it lies between
   * the loss and the variables behind a {@code StopGradient}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerNoGradient(String opName) {
    TensorFlow.registerCustomGradient(opName, (tf, op, gradients) -> {
      List<Operand<?>> zeros = new ArrayList<>();
      for (int i = 0; i < op.numInputs(); i++) {
        zeros.add(tf.zerosLike((Operand) op.input(i)));
      }
      return zeros;
    });
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
    Operand<TInt32> rowsIdx = tf.reshape(indices, tf.stack(List.of(tf.constant(-1), k)));
    Operand<TInt32> rows = tf.gather(tf.shape(rowsIdx), tf.constant(0), tf.constant(0));
    Operand<TInt32> offsets = tf.expandDims(tf.math.mul(tf.range(tf.constant(0), rows, tf.constant(1)), n),
        tf.constant(1));
    Operand<TInt32> flat = tf.reshape(tf.math.add(rowsIdx, offsets), tf.constant(new int[] {-1}));
    Operand<TNumber> grad = tf.reshape(values, tf.constant(new int[] {-1}));
    Operand<TNumber> scattered = tf.math.unsortedSegmentSum(grad, flat, tf.math.mul(rows, n));
    return List.of(tf.reshape(scattered, inputShape), tf.zerosLike(inputs.k));
  }

  /**
   * {@code SparseSoftmaxCrossEntropyWithLogits(logits, labels) → (loss, backprop)} where
   * {@code backprop = softmax(logits) − onehot(labels)}: {@code d logits = backprop · d loss[:, None]}; labels are
   * integers. The op's second output feeds nothing here, so its incoming gradient is ignored.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerSparseSoftmaxCrossEntropy() {
    // false means TensorFlow has a gradient for the op already (a later version): that one is used.
    TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.OP_NAME,
        (tf, op, gradients) -> {
          Operand<TFloat32> backprop = (Operand) op.output(1);
          Operand<TFloat32> dLoss = (Operand) gradients.get(0);
          Operand<?> dLogits = tf.math.mul(backprop, tf.expandDims(dLoss, tf.constant(-1)));
          return List.of(dLogits, tf.zerosLike((Operand) op.input(1)));
        });
  }
}
