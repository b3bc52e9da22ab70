package dev.rethink.runtime.report.stats;

import java.util.List;
import java.util.Set;

/**
 * A comparison a study declares (e.g. {@code scratch-6x} vs {@code pretrained-2x}): the difference a − b of one
 * metric with its 95 % interval and a plain verdict, significant when the interval excludes 0.
 */
public sealed interface Comparison permits PairedComparison, WelchComparison {
  /** The first variant (the minuend). */
  String a();

  /** The second variant (the subtrahend). */
  String b();

  /** The metric compared, as the metrics files name it. */
  String metric();

  /** The estimate of a − b. */
  double difference();

  /** The 95 % interval of a − b; null when there are too few replicates. */
  Interval interval();

  /** How many replicates it rests on, as written after "n = ": {@code 5} (pairs) or {@code 5 and 4}. */
  String nLabel();

  /** What was left out, each naming the seed or variant and why (a missing side, a diverged replicate). */
  List<String> notes();

  /** How the interval was made, written after n: empty for paired, {@code  (unpaired, Welch df = 3.5)}. */
  String method();

  /** What the interval says. */
  default Verdict verdict() {
    return Verdict.of(interval());
  }

  /** The verdict in words: {@code no significant difference}, {@code scratch-6x higher}, ... */
  default String verdictWords() {
    return verdict().words(a(), b());
  }

  /**
   * The report's sentence: {@code scratch-6x − pretrained-2x = +0.4 box AP, 95 % CI [−0.5, +1.3], n = 5: no
   * significant difference}, or with one replicate {@code ... = +0.4 box AP, n = 1: no interval with one
   * replicate}. Numbers as {@link Unit} documents.
   */
  default String sentence(Unit unit) {
    StringBuilder s = new StringBuilder();
    s.append(a()).append(" \u2212 ").append(b()).append(" = ").append(unit.signed(difference())).append(' ')
        .append(unit.label());
    Interval ci = interval();
    if (ci != null) {
      s.append(", 95 % CI [").append(unit.signed(ci.lo())).append(", ").append(unit.signed(ci.hi())).append(']');
    }
    return s.append(", n = ").append(nLabel()).append(method()).append(": ").append(verdictWords()).toString();
  }

  /**
   * Compares {@code a} and {@code b}: paired ({@link PairedComparison}) when at least two seeds have a finite value
   * on both sides, or when both sides have the same seeds and one of them does — the design replicated runs use
   * (every variant run with the same seeds), where the seed noise both sides share cancels; otherwise unpaired
   * ({@link WelchComparison}), which needs no matching — replicates gathered with different seeds, e.g. a variant
   * added later or taken from another run.
   *
   * @throws IllegalArgumentException naming the variants when the metrics differ or a side has no finite value
   */
  static Comparison of(Replicates a, Replicates b) {
    PairedComparison.requireSameMetric(a, b);
    long common = a.bySeed().entrySet().stream()
        .filter(e -> Double.isFinite(e.getValue()))
        .filter(e -> b.bySeed().containsKey(e.getKey()) && Double.isFinite(b.bySeed().get(e.getKey())))
        .count();
    Set<Long> seedsA = a.bySeed().keySet();
    boolean sameSeeds = seedsA.equals(b.bySeed().keySet());
    return common >= 2 || (common == 1 && sameSeeds) ? PairedComparison.of(a, b) : WelchComparison.of(a, b);
  }
}
