package dev.rethink.runtime.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static final double EPS = 1e-4;
  private static final Unit BOX_AP = Unit.ap("box AP");

  private static Replicates seeds(String variant, double... values) {
    Map<Long, Double> bySeed = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      bySeed.put((long) i + 1, values[i]);
    }
    return Replicates.of(variant, "bbox/AP", bySeed);
  }

  /**
   * The example. Differences a − b over seeds 1..5: {1.0, −0.5, 1.2, −0.3, 0.6}; mean 2.0/5 = 0.4;
   * deviations 0.6, −0.9, 0.8, −0.7, 0.2, squares 0.36 + 0.81 + 0.64 + 0.49 + 0.04 = 2.34, sd = √(2.34/4) = 0.7649;
   * se = 0.7649/√5 = 0.3421; half-width 2.7764 · 0.3421 = 0.9497: CI [−0.550, +1.350] → "[−0.5, +1.3]",
   * contains 0.
   */
  @Test
  void pairedNoSignificantDifference() {
    Replicates a = seeds("scratch-6x", 41.0, 39.5, 41.2, 39.7, 40.6);
    Replicates b = seeds("pretrained-2x", 40.0, 40.0, 40.0, 40.0, 40.0);
    PairedComparison c = PairedComparison.of(a, b);
    assertEquals(5, c.differences().n());
    assertEquals(0.4, c.difference(), 1e-9);
    assertEquals(0.7649, c.differences().sd(), EPS);
    assertEquals(0.3421, c.differences().se(), EPS);
    assertEquals(-0.5497, c.interval().lo(), EPS);
    assertEquals(1.3497, c.interval().hi(), EPS);
    assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, c.verdict());
    assertEquals("scratch-6x − pretrained-2x = +0.4 box AP, 95 % CI [−0.5, +1.3], n = 5: no significant difference",
        c.sentence(BOX_AP));
    assertEquals(List.of(), c.notes());
  }

  /**
   * Pairs with dropped seeds. a: seeds 1–6 with seed 5 diverged (NaN); b: seeds 1–5 and 7. Kept: seeds 1–4 with
   * differences {1.0, 1.0, 0.5, 1.0}: mean 0.875; deviations 0.125 ×3 and −0.375, squares 3 · 0.015625 + 0.140625
   * = 0.1875, sd = √(0.1875/3) = 0.25, se = 0.25/2 = 0.125; t(0.975, 3) = 3.1824, half-width 0.3978:
   * CI [0.4772, 1.2728] → excludes 0, a higher.
   */
  @Test
  void pairedDropsSeedsMissingASideAndNamesThem() {
    Replicates a = Replicates.of("scratch-6x", "bbox/AP",
        Map.of(1L, 40.0, 2L, 41.0, 3L, 39.5, 4L, 40.5, 5L, Double.NaN, 6L, 42.0));
    Replicates b = Replicates.of("pretrained-2x", "bbox/AP",
        Map.of(1L, 39.0, 2L, 40.0, 3L, 39.0, 4L, 39.5, 5L, 39.0, 7L, 40.0));
    PairedComparison c = PairedComparison.of(a, b);
    assertEquals(List.of(1L, 2L, 3L, 4L), c.seeds());
    assertEquals(0.875, c.difference(), 1e-12);
    assertEquals(0.25, c.differences().sd(), 1e-12);
    assertEquals(0.125, c.differences().se(), 1e-12);
    assertEquals(3, c.interval().df());
    assertEquals(0.4772, c.interval().lo(), EPS);
    assertEquals(1.2728, c.interval().hi(), EPS);
    assertEquals(List.of("seed 5 dropped: scratch-6x NaN (diverged)", "seed 6 dropped: no pretrained-2x value",
        "seed 7 dropped: no scratch-6x value"), c.notes());
    assertEquals(Verdict.A_HIGHER, c.verdict());
    assertEquals("scratch-6x − pretrained-2x = +0.9 box AP, 95 % CI [+0.5, +1.3], n = 4: scratch-6x higher",
        c.sentence(BOX_AP));
    // Comparison.of pairs them: four seeds match.
    assertInstanceOf(PairedComparison.class, Comparison.of(a, b));

    // The other way round: the same interval negated, b higher.
    PairedComparison reversed = PairedComparison.of(b, a);
    assertEquals(Verdict.B_HIGHER, reversed.verdict());
    assertEquals("pretrained-2x − scratch-6x = −0.9 box AP, 95 % CI [−1.3, −0.5], n = 4: scratch-6x higher",
        reversed.sentence(BOX_AP));
  }

  @Test
  void oneReplicateSaysNoIntervalCanBeGiven() {
    Replicates a = Replicates.of("scratch-6x", "bbox/AP", Map.of(7L, 40.4));
    Replicates b = Replicates.of("pretrained-2x", "bbox/AP", Map.of(7L, 40.0));
    Comparison c = Comparison.of(a, b);
    assertInstanceOf(PairedComparison.class, c);
    assertNull(c.interval());
    assertEquals(Verdict.NO_INTERVAL, c.verdict());
    assertEquals("scratch-6x − pretrained-2x = +0.4 box AP, n = 1: no interval with one replicate",
        c.sentence(BOX_AP));
  }

  @Test
  void noPairIsAnErrorNamingBothVariants() {
    Replicates a = Replicates.of("gn", "top1", Map.of(1L, 70.0));
    Replicates b = Replicates.of("bn", "top1", Map.of(2L, 69.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairedComparison.of(a, b));
    assertEquals("gn vs bn top1: no seed with a finite value on both sides (seeds [1] and [2])", e.getMessage());
    Replicates other = Replicates.of("bn", "top5", Map.of(1L, 90.0));
    e = assertThrows(IllegalArgumentException.class, () -> Comparison.of(a, other));
    assertEquals("gn vs bn: different metrics, top1 and top5", e.getMessage());
  }

  /**
   * Welch by hand. a = {1, 2, 3, 4, 5} (seeds 1–5): mean 3, s² = 2.5, s²/n = 0.5. b = {2, 4, 6} (seeds 11–13): mean 4,
   * s² = (4 + 0 + 4)/2 = 4, s²/n = 1.3333. se = √(0.5 + 1.3333) = √1.8333 = 1.3540. Welch–Satterthwaite df =
   * 1.8333² / (0.5²/4 + 1.3333²/2) = 3.3611 / (0.0625 + 0.8889) = 3.5328. t(0.975, 3.5328) = 2.9274 (between
   * t(·, 4) = 2.776 and t(·, 3) = 3.182; scipy.stats.t.ppf gives 2.92741): CI −1 ± 3.9637 = [−4.9637, 2.9637].
   */
  @Test
  void welchWhenSeedsDoNotMatch() {
    Replicates a = seeds("gn", 1, 2, 3, 4, 5);
    Replicates b = Replicates.of("bn", "bbox/AP", Map.of(11L, 2.0, 12L, 4.0, 13L, 6.0));
    Comparison c = Comparison.of(a, b);
    WelchComparison w = assertInstanceOf(WelchComparison.class, c);
    assertEquals(-1.0, w.difference(), 1e-12);
    assertEquals(1.3540, w.interval().se(), EPS);
    assertEquals(3.5328, w.interval().df(), EPS);
    assertEquals(3.5328, WelchComparison.welchDf(w.summaryA(), w.summaryB()), EPS);
    assertEquals(2.9274, w.interval().t(), EPS);
    assertEquals(-4.9637, w.interval().lo(), EPS);
    assertEquals(2.9637, w.interval().hi(), EPS);
    assertEquals("5 and 3", w.nLabel());
    assertEquals("gn − bn = −1.0 box AP, 95 % CI [−5.0, +3.0], n = 5 and 3 (unpaired, Welch df = 3.5):"
        + " no significant difference", w.sentence(BOX_AP));
  }

  /** Equal variances and sizes: Welch's df is the pooled 2n − 2 (here s² = 1, n = 3: df = (2/3)² / (2 · (1/3)² / 2) = 4). */
  @Test
  void welchDfWithEqualVariancesIsPooled() {
    Summary a = Summary.of("a", "top1", List.of(1.0, 2.0, 3.0));
    Summary b = Summary.of("b", "top1", List.of(5.0, 6.0, 7.0));
    assertEquals(4.0, WelchComparison.welchDf(a, b), 1e-12);
  }

  @Test
  void welchChoiceAndItsLimits() {
    // One common seed but different seed sets: unpaired, on all of each side's values.
    Replicates a = Replicates.of("gn", "top1", Map.of(1L, 70.0, 2L, 71.0));
    Replicates b = Replicates.of("bn", "top1", Map.of(1L, 68.0, 3L, 69.0, 4L, Double.NaN));
    WelchComparison w = assertInstanceOf(WelchComparison.class, Comparison.of(a, b));
    assertEquals(List.of("bn: 1 non-finite value excluded (diverged)"), w.notes());
    // a = {70, 71}, b = {68, 69}: difference 2, se = √(0.25 + 0.25) = 0.70711, df = 2, half-width 4.3027 · 0.70711
    // = 3.0424: CI [−1.0424, 5.0424], no significant difference.
    assertEquals("2 and 2", w.nLabel());
    assertEquals(2.0, w.interval().df(), 1e-12);
    assertEquals(-1.0424, w.interval().lo(), 1e-4);
    assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, w.verdict());
    // One value on a side: no interval.
    Replicates single = Replicates.of("bn", "top1", Map.of(9L, 68.0));
    WelchComparison none = assertInstanceOf(WelchComparison.class, Comparison.of(a, single));
    assertNull(none.interval());
    assertEquals("gn − bn = +2.50 top1, n = 2 and 1 (unpaired): no interval with one replicate",
        none.sentence(Unit.accuracy("top1")));
  }
}
