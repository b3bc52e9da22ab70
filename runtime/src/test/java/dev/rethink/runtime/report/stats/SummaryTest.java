package dev.rethink.runtime.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final double EPS = 1e-4;

  /**
   * {1, 2, 3, 4, 5} by hand: mean 15/5 = 3; squared deviations 4 + 1 + 0 + 1 + 4 = 10, sd = √(10/4) = 1.5811;
   * se = 1.5811/√5 = 0.7071; t(0.975, 4) = 2.776, half-width 2.776 · 0.7071 = 1.963: CI [1.037, 4.963].
   */
  @Test
  void oneToFive() {
    Summary s = Summary.of("scratch-6x", "bbox/AP", List.of(1.0, 2.0, 3.0, 4.0, 5.0));
    assertEquals(5, s.n());
    assertEquals(0, s.excluded());
    assertEquals(3.0, s.mean(), 1e-12);
    assertEquals(1.5811, s.sd(), EPS);
    assertEquals(0.7071, s.se(), EPS);
    assertEquals(4, s.interval().df());
    assertEquals(2.7764, s.interval().t(), EPS);
    assertEquals(1.0368, s.interval().lo(), EPS);
    assertEquals(4.9632, s.interval().hi(), EPS);
    assertEquals(Optional.empty(), s.noIntervalReason());
  }

  /**
   * Two values {40.1, 40.3}: mean 40.2, sd = √((0.01 + 0.01)/1) = 0.14142, se = 0.1, t(0.975, 1) = 12.706: CI
   * 40.2 ± 1.2706 = [38.929, 41.471] — the price of two replicates.
   */
  @Test
  void twoValuesUseTheWideDf1Quantile() {
    Summary s = Summary.of("gn", "top1", List.of(40.1, 40.3));
    assertEquals(40.2, s.mean(), 1e-9);
    assertEquals(0.14142, s.sd(), 1e-5);
    assertEquals(0.1, s.se(), 1e-9);
    assertEquals(38.9294, s.interval().lo(), EPS);
    assertEquals(41.4706, s.interval().hi(), EPS);
  }

  @Test
  void oneReplicateHasAMeanAndAReason() {
    Summary s = Summary.of("gn", "top1", List.of(71.25));
    assertEquals(1, s.n());
    assertEquals(71.25, s.mean());
    assertTrue(Double.isNaN(s.sd()));
    assertTrue(Double.isNaN(s.se()));
    assertNull(s.interval());
    assertFalse(s.hasInterval());
    assertEquals(Optional.of("no interval with one replicate"), s.noIntervalReason());
  }

  @Test
  void noValueIsAnErrorNamingVariantAndMetric() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Summary.of("scratch-6x", "bbox/AP", List.of()));
    assertEquals("scratch-6x bbox/AP: no replicate value to summarize", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Summary.of("scratch-6x", "bbox/AP", List.of(Double.NaN, Double.POSITIVE_INFINITY)));
    assertEquals("scratch-6x bbox/AP: no replicate value to summarize (all 2 non-finite: diverged)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Summary.of("bn", "top1", Arrays.asList(1.0, null)));
    assertEquals("bn top1: replicate 2 has no value (null)", e.getMessage());
  }

  /** Non-finite values are excluded and counted: {1, 2, NaN, 3, +∞} is {1, 2, 3} (mean 2, sd 1) with 2 excluded. */
  @Test
  void nonFiniteValuesAreExcludedAndCounted() {
    Summary s = Summary.of("bn", "top1", List.of(1.0, 2.0, Double.NaN, 3.0, Double.POSITIVE_INFINITY));
    assertEquals(3, s.n());
    assertEquals(2, s.excluded());
    assertEquals(2.0, s.mean(), 1e-12);
    assertEquals(1.0, s.sd(), 1e-12);
    // se = 1/√3 = 0.57735, t(0.975, 2) = 4.3027: CI 2 ± 2.4842.
    assertEquals(2 - 2.4842, s.interval().lo(), EPS);
  }

  /** Identical replicates (deterministic runs): sd 0 and the interval is the point. */
  @Test
  void noSpreadGivesAPointInterval() {
    Summary s = Summary.of("bn", "top1", List.of(5.0, 5.0, 5.0));
    assertEquals(0.0, s.sd());
    assertEquals(5.0, s.interval().lo());
    assertEquals(5.0, s.interval().hi());
  }

  @Test
  void replicatesSummarizeInSeedOrder() {
    Replicates r = Replicates.of("gn", "top1", Map.of(3L, 5.0, 1L, 1.0, 2L, 3.0));
    assertEquals(List.of(1L, 2L, 3L), List.copyOf(r.bySeed().keySet()));
    Summary s = r.summary();
    assertEquals("gn", s.variant());
    assertEquals(3.0, s.mean(), 1e-12);
    assertEquals(2.0, s.sd(), 1e-12);
  }
}
