package dev.rethink.runtime.report.stats;

/**
 * A 95 % Student t-interval {@code estimate ± t(0.975, df) · se}.
 *
 * <p>With se = 0 (every replicate equal) the interval is the point itself: that is what the t-interval gives, and a
 * report on deterministic runs should say so rather than invent a spread.
 *
 * @param lo lower bound
 * @param hi upper bound
 * @param se the standard error of the estimate
 * @param df degrees of freedom (n − 1, or Welch–Satterthwaite's, not necessarily whole)
 * @param t the quantile t(0.975, df) used
 */
public record Interval(double lo, double hi, double se, double df, double t) {
  public Interval {
    if (!(lo <= hi)) {
      throw new IllegalArgumentException("interval bounds out of order or not numbers: [" + lo + ", " + hi + "]");
    }
  }

  /** The 95 % interval around {@code estimate} with standard error {@code se} and {@code df} degrees of freedom. */
  static Interval t95(double estimate, double se, double df) {
    if (!(se >= 0) || Double.isInfinite(se)) {
      throw new IllegalArgumentException("standard error must be finite and >= 0, got " + se);
    }
    double t = TQuantile.twoSided95(df);
    return new Interval(estimate - t * se, estimate + t * se, se, df, t);
  }

  /** The confidence level, 0.95. */
  public double level() {
    return TQuantile.LEVEL;
  }

  /** True when 0 is outside [lo, hi]: the difference is significant at the 5 % level (two-sided). */
  public boolean excludesZero() {
    return lo > 0 || hi < 0;
  }
}
