package dev.rethink.runtime.report.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One variant's final value of one metric per seed: what a replicated run yields, and what a paired comparison
 * matches on (the same seed on both sides shares data order and initialization noise).
 *
 * @param variant the variant's name
 * @param metric the metric's name as the metrics files write it (e.g. {@code bbox/AP})
 * @param bySeed value by seed, in seed order; non-finite values (diverged replicates) are kept here and excluded
 *     by {@link #summary()}
 */
public record Replicates(String variant, String metric, SortedMap<Long, Double> bySeed) {
  public Replicates {
    if (variant == null || variant.isBlank() || metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("replicates need a variant and a metric name, got variant " + variant
          + ", metric " + metric);
    }
    for (Map.Entry<Long, Double> e : bySeed.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException(variant + " " + metric + ": seed " + e.getKey() + " has no value");
      }
    }
    bySeed = Collections.unmodifiableSortedMap(new TreeMap<>(bySeed));
  }

  /** The replicates of {@code variant}'s {@code metric}, from any map of value by seed. */
  public static Replicates of(String variant, String metric, Map<Long, Double> bySeed) {
    for (Long seed : bySeed.keySet()) {
      if (seed == null) {
        throw new IllegalArgumentException(variant + " " + metric + ": a value has no seed");
      }
    }
    return new Replicates(variant, metric, new TreeMap<>(bySeed));
  }

  /** n, mean, sd, se and 95 % interval of the values, in seed order. */
  public Summary summary() {
    return Summary.of(variant, metric, new ArrayList<>(bySeed.values()));
  }
}
