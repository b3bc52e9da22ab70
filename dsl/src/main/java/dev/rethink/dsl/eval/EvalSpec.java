package dev.rethink.dsl.eval;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import java.util.List;

/**
 * Evaluation of a variant: its metrics, computed at the end and every {@code period} iterations
 * ({@code 0}: only at the end).
 */
public record EvalSpec(List<MetricSpec> metrics, int period) {
  public EvalSpec {
    if (SpecParts.checkNow()) {
      require(metrics != null && !metrics.isEmpty(), "metrics", "needs at least one metric");
      require(period >= 0, "period", "must be >= 0 (0 = only at the end), was " + period);
    }
    metrics = metrics == null ? null : List.copyOf(metrics);
  }


  public static EvalSpec atEnd(MetricSpec... metrics) {
    return new EvalSpec(List.of(metrics), 0);
  }

  public EvalSpec withPeriod(int p) {
    return new EvalSpec(metrics, p);
  }
}
