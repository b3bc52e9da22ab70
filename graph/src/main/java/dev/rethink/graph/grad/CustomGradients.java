package dev.rethink.graph.grad;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;

/**
 * The one place where gradients missing from TensorFlow's C++ gradient registry (used by
 * {@code Graph.addGradients} / {@code Ops.gradients}) are registered. A non-differentiable input gets
 * {@code zerosLike}, never null. Still to come for detection: {@code TopKV2} (gradient scattered back to the
 * selected indices).
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
