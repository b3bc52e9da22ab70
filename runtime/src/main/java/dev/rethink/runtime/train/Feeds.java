package dev.rethink.runtime.train;

import dev.rethink.runtime.report.Budget;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * One batch as tensors bound to the graph inputs they feed. Owns the tensors: close it once the step that fed
 * them has run.
 */
final class Feeds implements AutoCloseable {
  private final Map<Operand<?>, Tensor> tensors = new LinkedHashMap<>();
  private final Budget budget;

  /** @param budget what the batch shows the network: images (for throughput), instances, pixels */
  Feeds(Budget budget) {
    this.budget = budget;
  }

  /**
   * Binds {@code tensor} to {@code input}; from now on the tensor is closed with these feeds, also when this
   * call throws.
   */
  Feeds put(Operand<?> input, Tensor tensor) {
    if (input == null) {
      tensor.close();
      throw new IllegalArgumentException("feeds: the graph has no input for this tensor " + tensor.shape());
    }
    Tensor previous = tensors.put(input, tensor);
    if (previous != null) {
      previous.close();
      throw new IllegalArgumentException("feeds: input " + input + " fed twice");
    }
    return this;
  }

  /** Images in the batch. */
  int images() {
    return Math.toIntExact(budget.images());
  }

  /** What the batch shows the network (the paper's Figure 2 budget). */
  Budget budget() {
    return budget;
  }

  /** Adds every feed to {@code runner}. */
  Session.Runner feed(Session.Runner runner) {
    tensors.forEach(runner::feed);
    return runner;
  }

  @Override
  public void close() {
    tensors.values().forEach(Tensor::close);
    tensors.clear();
  }
}
