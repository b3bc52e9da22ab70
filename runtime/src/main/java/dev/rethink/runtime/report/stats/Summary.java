package dev.rethink.runtime.report.stats;

import java.util.List;
import java.util.Optional;

/**
 * One variant's replicates of one metric: n, mean, sample standard deviation, standard error and the 95 %
 * t-interval of the mean — the cell "mean ± sd [lo, hi]" of the report.
 *
 * @param variant the variant (or, for a paired difference, {@code "a − b"})
 * @param metric the metric's name, as the metrics files write it (e.g. {@code bbox/AP})
 * @param n the finite values summarized
 * @param excluded non-finite values left out (a diverged replicate), see the package documentation
 * @param mean their mean
 * @param sd sample standard deviation (divisor n − 1); NaN when n = 1
 * @param se standard error sd / √n; NaN when n = 1
 * @param interval the 95 % t-interval of the mean (df = n − 1); null when n = 1
 */
public record Summary(String variant, String metric, int n, int excluded, double mean, double sd, double se,
    Interval interval) {

  /** Why a single replicate has no spread: the reason the report prints in place of sd and interval. */
  public static final String ONE_REPLICATE = "no interval with one replicate";

  public Summary {
    if (n < 1) {
      throw new IllegalArgumentException(variant + " " + metric + ": a summary needs at least one value, got n = "
          + n);
    }
    if ((interval == null) != (n == 1)) {
      throw new IllegalArgumentException(variant + " " + metric + ": an interval exists exactly when n >= 2, got n = "
          + n + (interval == null ? " without one" : " with one"));
    }
  }

  /**
   * Summarizes {@code values}; non-finite ones are excluded and counted.
   *
   * @throws IllegalArgumentException naming the variant and metric when no finite value is left, or a value is null
   */
  public static Summary of(String variant, String metric, List<Double> values) {
    double sum = 0;
    int n = 0;
    int excluded = 0;
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      if (v == null) {
        throw new IllegalArgumentException(variant + " " + metric + ": replicate " + (i + 1) + " has no value (null)");
      }
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      } else {
        excluded++;
      }
    }
    if (n == 0) {
      throw new IllegalArgumentException(variant + " " + metric + ": no replicate value to summarize"
          + (excluded > 0 ? " (all " + excluded + " non-finite: diverged)" : ""));
    }
    double mean = sum / n;
    if (n == 1) {
      return new Summary(variant, metric, 1, excluded, mean, Double.NaN, Double.NaN, null);
    }
    // Two passes (mean, then squared deviations): no cancellation for values like 40.1, 40.2 around a large mean.
    double squares = 0;
    for (Double v : values) {
      if (Double.isFinite(v)) {
        squares += (v - mean) * (v - mean);
      }
    }
    double sd = Math.sqrt(squares / (n - 1));
    double se = sd / Math.sqrt(n);
    return new Summary(variant, metric, n, excluded, mean, sd, se, Interval.t95(mean, se, n - 1));
  }

  /** True when there are at least two values, hence an sd and an interval. */
  public boolean hasInterval() {
    return interval != null;
  }

  /** Why there is no sd and no interval ({@link #ONE_REPLICATE}); empty when there are. */
  public Optional<String> noIntervalReason() {
    return hasInterval() ? Optional.empty() : Optional.of(ONE_REPLICATE);
  }
}
