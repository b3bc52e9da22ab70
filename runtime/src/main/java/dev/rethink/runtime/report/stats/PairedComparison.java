package dev.rethink.runtime.report.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Two variants run with the same seeds: the per-seed differences a_i − b_i, their mean, sd and 95 % t-interval
 * (df = pairs − 1). Pairing removes what a seed does to both sides (data order, initialization), so it resolves
 * smaller differences than comparing the two means.
 *
 * @param a the first variant
 * @param b the second variant
 * @param metric the metric compared
 * @param seeds the seeds of the pairs used, in order
 * @param differences the summary of a_i − b_i over those pairs (its variant is {@code "a − b"})
 * @param notes the seeds dropped, each with why: a side without a value, or a non-finite value (a diverged
 *     replicate)
 */
public record PairedComparison(String a, String b, String metric, List<Long> seeds, Summary differences,
    List<String> notes) implements Comparison {

  public PairedComparison {
    seeds = List.copyOf(seeds);
    notes = List.copyOf(notes);
    if (seeds.size() != differences.n()) {
      throw new IllegalArgumentException(a + " vs " + b + " " + metric + ": " + seeds.size() + " seeds for "
          + differences.n() + " differences");
    }
  }

  /**
   * Pairs {@code a} and {@code b} by seed; a seed missing a side or with a non-finite value is dropped and named
   * in {@link #notes()}.
   *
   * @throws IllegalArgumentException naming both variants when the metrics differ or no seed has a finite value on
   *     both sides
   */
  public static PairedComparison of(Replicates a, Replicates b) {
    requireSameMetric(a, b);
    SortedSet<Long> all = new TreeSet<>(a.bySeed().keySet());
    all.addAll(b.bySeed().keySet());
    List<Long> seeds = new ArrayList<>();
    List<Double> differences = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Long seed : all) {
      Double va = a.bySeed().get(seed);
      Double vb = b.bySeed().get(seed);
      if (va == null || vb == null) {
        notes.add("seed " + seed + " dropped: no " + (va == null ? a.variant() : b.variant()) + " value");
      } else if (!Double.isFinite(va) || !Double.isFinite(vb)) {
        String which = !Double.isFinite(va) ? a.variant() + " " + va : b.variant() + " " + vb;
        notes.add("seed " + seed + " dropped: " + which + " (diverged)");
      } else {
        seeds.add(seed);
        differences.add(va - vb);
      }
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException(a.variant() + " vs " + b.variant() + " " + a.metric()
          + ": no seed with a finite value on both sides (seeds " + a.bySeed().keySet() + " and "
          + b.bySeed().keySet() + ")");
    }
    Summary d = Summary.of(a.variant() + " \u2212 " + b.variant(), a.metric(), differences);
    return new PairedComparison(a.variant(), b.variant(), a.metric(), seeds, d, notes);
  }

  @Override
  public double difference() {
    return differences.mean();
  }

  @Override
  public Interval interval() {
    return differences.interval();
  }

  @Override
  public String nLabel() {
    return Integer.toString(differences.n());
  }

  @Override
  public String method() {
    return "";
  }

  static void requireSameMetric(Replicates a, Replicates b) {
    if (!a.metric().equals(b.metric())) {
      throw new IllegalArgumentException(a.variant() + " vs " + b.variant() + ": different metrics, " + a.metric()
          + " and " + b.metric());
    }
  }
}
