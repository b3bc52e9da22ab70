package dev.rethink.runtime.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluation line of {@code metrics.jsonl}: {@code {"step": 150, "eval": {"top1": 71.5, "top5": 97.0}}}.
 *
 * @param step iterations completed when evaluated
 * @param metrics metric values by name (accuracies in percent)
 */
public record EvalRecord(long step, Map<String, Double> metrics) {
  public EvalRecord {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }
}
