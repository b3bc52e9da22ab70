package dev.rethink.runtime.eval;

import java.util.Map;

/**
 * A metric computed over a whole evaluation pass, fed one batch of model outputs at a time.
 *
 * <p>The trainer creates one evaluator per metric of the variant's {@code EvalSpec}, calls {@link #add} for each
 * evaluation batch (in any batching; results must not depend on it), then {@link #summarize} once, and
 * {@link #reset} before the next periodic evaluation. Implementations are not thread-safe: feed them from one
 * thread.
 *
 * @param <T> what one batch contributes: e.g. {@link TopKAccuracy.Batch} (logits and labels) or a list of
 *     {@link dev.rethink.runtime.eval.coco.CocoDetection}
 */
public interface Evaluator<T> {

  /** Adds one batch of outputs. */
  void add(T batch);

  /**
   * The metric's numbers by name, in a stable order, e.g. {@code top1, top5} (percent) or {@code bbox/AP,
   * bbox/AP50, ...} (fractions, as COCO reports them).
   */
  Map<String, Double> summarize();

  /** Forgets everything added. */
  void reset();
}
