package dev.rethink.runtime.task;

import dev.rethink.graph.study.InputKey;
import dev.rethink.runtime.report.Budget;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * One batch as tensors by graph input role ({@link InputKey}), for a training or an inference tower. Owns the
 * tensors: close it once the run that fed them is done.
 */
public final class Feeds implements AutoCloseable {
  private final Map<InputKey, Tensor> tensors = new EnumMap<>(InputKey.class);
  private final Budget budget;

  private Feeds(Budget budget) {
    this.budget = budget;
  }

  /**
   * The tensors of {@code keys} (a tower's inputs), each made by {@code tensor}; tensors already made are closed
   * if a later one fails.
   *
   * @param budget what the batch shows the network: images (for throughput), labelled instances, pixels
   */
  static Feeds of(Set<InputKey> keys, Budget budget, Function<InputKey, Tensor> tensor) {
    Feeds feeds = new Feeds(budget);
    try {
      for (InputKey key : keys) {
        feeds.tensors.put(key, tensor.apply(key));
      }
      return feeds;
    } catch (RuntimeException e) {
      feeds.close();
      throw e;
    }
  }

  /** Images in the batch. */
  int images() {
    return Math.toIntExact(budget.images());
  }

  /** What the batch shows the network (the paper's Figure 2 budget). */
  public Budget budget() {
    return budget;
  }

  /** Feeds every input of a tower ({@code VariantGraph.trainInputs()} or {@code evalInputs()}) to {@code runner}. */
  public Session.Runner feed(Session.Runner runner, Map<InputKey, Operand<?>> inputs) {
    inputs.forEach((key, input) -> {
      Tensor t = tensors.get(key);
      if (t == null) {
        throw new IllegalStateException("feeds: the batch has no " + key + " for graph input "
            + input.op().name());
      }
      runner.feed(input, t);
    });
    return runner;
  }

  @Override
  public void close() {
    tensors.values().forEach(Tensor::close);
    tensors.clear();
  }
}
