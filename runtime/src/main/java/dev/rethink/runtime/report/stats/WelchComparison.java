package dev.rethink.runtime.report.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two variants whose seeds do not match (see {@link Comparison#of} for when this is used): the difference of the
 * means with Welch's interval, se = √(s_a²/n_a + s_b²/n_b) and the Welch–Satterthwaite degrees of freedom
 * (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1)), which does not assume equal
 * variances. Both sides need two values; with fewer there is no interval.
 *
 * <p>When both sides have no spread at all (se = 0) the df formula is 0/0; the interval is then the point itself
 * and df is taken as n_a + n_b − 2 (it does not change a zero-width interval).
 *
 * @param a the first variant
 * @param b the second variant
 * @param metric the metric compared
 * @param summaryA the summary of a's values
 * @param summaryB the summary of b's values
 * @param interval the 95 % interval of mean(a) − mean(b); null when a side has one value
 * @param notes non-finite values excluded, per variant
 */
public record WelchComparison(String a, String b, String metric, Summary summaryA, Summary summaryB,
    Interval interval, List<String> notes) implements Comparison {

  public WelchComparison {
    notes = List.copyOf(notes);
    if ((interval == null) != (summaryA.n() < 2 || summaryB.n() < 2)) {
      throw new IllegalArgumentException(a + " vs " + b + " " + metric
          + ": an unpaired interval exists exactly when both sides have two values");
    }
  }

  /**
   * Compares the means of {@code a} and {@code b}, ignoring seeds.
   *
   * @throws IllegalArgumentException naming the variant and metric when a side has no finite value, or naming both
   *     when the metrics differ
   */
  public static WelchComparison of(Replicates a, Replicates b) {
    PairedComparison.requireSameMetric(a, b);
    Summary sa = a.summary();
    Summary sb = b.summary();
    List<String> notes = new ArrayList<>();
    for (Summary s : List.of(sa, sb)) {
      if (s.excluded() > 0) {
        notes.add(s.variant() + ": " + s.excluded() + " non-finite value" + (s.excluded() == 1 ? "" : "s")
            + " excluded (diverged)");
      }
    }
    Interval interval = null;
    if (sa.n() >= 2 && sb.n() >= 2) {
      double va = sa.sd() * sa.sd() / sa.n();
      double vb = sb.sd() * sb.sd() / sb.n();
      double se = Math.sqrt(va + vb);
      interval = Interval.t95(sa.mean() - sb.mean(), se, welchDf(sa, sb));
    }
    return new WelchComparison(a.variant(), b.variant(), a.metric(), sa, sb, interval, notes);
  }

  /** Welch–Satterthwaite degrees of freedom of two summaries with n >= 2 each. */
  static double welchDf(Summary sa, Summary sb) {
    double va = sa.sd() * sa.sd() / sa.n();
    double vb = sb.sd() * sb.sd() / sb.n();
    if (va + vb == 0) {
      return sa.n() + sb.n() - 2;
    }
    return (va + vb) * (va + vb) / (va * va / (sa.n() - 1) + vb * vb / (sb.n() - 1));
  }

  @Override
  public double difference() {
    return summaryA.mean() - summaryB.mean();
  }

  @Override
  public String nLabel() {
    return summaryA.n() + " and " + summaryB.n();
  }

  @Override
  public String method() {
    return interval == null ? " (unpaired)"
        : String.format(Locale.ROOT, " (unpaired, Welch df = %.1f)", interval.df());
  }
}
