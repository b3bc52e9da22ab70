package dev.rethink.runtime.report.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Student t quantiles, from Commons Statistics rather than a hand-written inverse incomplete beta: the quantile at
 * small df (12.706 at df = 1) is exactly where a home-made approximation goes wrong.
 */
final class TQuantile {
  /** The confidence level of every interval in this package. */
  static final double LEVEL = 0.95;

  private TQuantile() {}

  /**
   * The two-sided quantile t(1 − (1 − level) / 2, df): the half-width of a {@code level} interval in standard
   * errors.
   *
   * @param df degrees of freedom, > 0 (need not be whole: Welch's df is not)
   */
  static double twoSided(double level, double df) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
    }
    if (!(df > 0) || Double.isInfinite(df)) {
      throw new IllegalArgumentException("t quantile needs finite degrees of freedom > 0, got " + df);
    }
    return TDistribution.of(df).inverseCumulativeProbability(1 - (1 - level) / 2);
  }

  /** t(0.975, df): the half-width of a 95 % interval in standard errors. */
  static double twoSided95(double df) {
    return twoSided(LEVEL, df);
  }
}
