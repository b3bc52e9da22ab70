package dev.rethink.runtime.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TQuantileTest {
  /** t(0.975, df) as printed in every t table (three decimals), small df first: where approximations fail. */
  @Test
  void twoSided95MatchesTheTable() {
    assertEquals(12.706, TQuantile.twoSided95(1), 5e-4);
    assertEquals(4.303, TQuantile.twoSided95(2), 5e-4);
    assertEquals(3.182, TQuantile.twoSided95(3), 5e-4);
    assertEquals(2.776, TQuantile.twoSided95(4), 5e-4);
    assertEquals(2.571, TQuantile.twoSided95(5), 5e-4);
    assertEquals(2.262, TQuantile.twoSided95(9), 5e-4);
    assertEquals(2.045, TQuantile.twoSided95(29), 5e-4);
    assertEquals(2.042, TQuantile.twoSided95(30), 5e-4);
    // Large df: the normal quantile 1.960.
    assertEquals(1.960, TQuantile.twoSided95(1e7), 5e-4);
  }

  /** Welch's df is fractional: the quantile lies between its neighbours' (scipy.stats.t.ppf(.975, 3.5328) = 2.9274). */
  @Test
  void fractionalDegreesOfFreedom() {
    double t = TQuantile.twoSided95(3.532846715328467);
    assertTrue(t < TQuantile.twoSided95(3) && t > TQuantile.twoSided95(4), "t = " + t);
    assertEquals(2.9274053, t, 1e-6);
  }

  @Test
  void otherLevels() {
    // t(0.95, 4) = 2.132 (90 % two-sided), t(0.995, 4) = 4.604 (99 %).
    assertEquals(2.132, TQuantile.twoSided(0.90, 4), 5e-4);
    assertEquals(4.604, TQuantile.twoSided(0.99, 4), 5e-4);
  }

  @Test
  void refusesNonsense() {
    assertThrows(IllegalArgumentException.class, () -> TQuantile.twoSided95(0));
    assertThrows(IllegalArgumentException.class, () -> TQuantile.twoSided95(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> TQuantile.twoSided(1.0, 4));
  }
}
