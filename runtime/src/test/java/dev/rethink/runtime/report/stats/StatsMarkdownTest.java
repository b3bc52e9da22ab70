package dev.rethink.runtime.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsMarkdownTest {
  private static Unit unit(String metric) {
    return metric.equals("bbox/AP") ? Unit.ap("box AP") : Unit.accuracy(metric);
  }

  @Test
  void numbersAreSignedOnlyWhereADirectionIsMeant() {
    Unit u = Unit.ap("box AP");
    assertEquals("+0.4", u.signed(0.4));
    assertEquals("−0.5", u.signed(-0.5));
    assertEquals("0.0", u.signed(0.04));
    assertEquals("0.0", u.signed(-0.04));
    assertEquals("3.0", u.plain(3.0));
    assertEquals("−1.3", u.plain(-1.25)); // half-up
    assertEquals("0.0", u.plain(-0.01));
    assertEquals("+12.35", new Unit("top1", 2).signed(12.345));
    assertEquals("+12", new Unit("top1", 0).signed(12.345));
    assertThrows(IllegalArgumentException.class, () -> new Unit("top1", 7));
    assertThrows(IllegalArgumentException.class, () -> new Unit(" ", 1));
  }

  /** {1..5}: mean 3, sd 1.5811, CI [1.037, 4.963] — see SummaryTest. */
  @Test
  void summaryCells() {
    Unit u = Unit.ap("box AP");
    assertEquals("3.0 ± 1.6 [1.0, 5.0]", StatsMarkdown.cell(Summary.of("a", "bbox/AP", List.of(1.0, 2.0, 3.0, 4.0,
        5.0)), u));
    assertEquals("40.2 (n = 1: no interval with one replicate)",
        StatsMarkdown.cell(Summary.of("a", "bbox/AP", List.of(40.2)), u));
    assertEquals("40.2 (n = 1, 1 diverged excluded: no interval with one replicate)",
        StatsMarkdown.cell(Summary.of("a", "bbox/AP", List.of(40.2, Double.NaN)), u));
    assertEquals("3.00 ± 1.58 [1.04, 4.96] (n = 5, 1 diverged excluded)", StatsMarkdown.cell(Summary.of("a", "top1",
        List.of(1.0, 2.0, Double.NaN, 3.0, 4.0, 5.0)), Unit.accuracy("top1")));
  }

  @Test
  void summaryTable() {
    String md = StatsMarkdown.summaryTable(List.of(Summary.of("scratch-6x", "bbox/AP", List.of(1.0, 2.0, 3.0, 4.0,
        5.0)), Summary.of("gn", "top1", List.of(71.25))), StatsMarkdownTest::unit);
    assertEquals("""
        | variant | metric | n | mean ± sd [95 % CI] |
        | --- | --- | ---: | ---: |
        | `scratch-6x` | box AP | 5 | 3.0 ± 1.6 [1.0, 5.0] |
        | `gn` | top1 | 1 | 71.25 (n = 1: no interval with one replicate) |
        """, md);
  }

  @Test
  void comparisonTable() {
    Replicates a = Replicates.of("scratch-6x", "bbox/AP",
        Map.of(1L, 41.0, 2L, 39.5, 3L, 41.2, 4L, 39.7, 5L, 40.6, 6L, 40.0));
    Replicates b = Replicates.of("pretrained-2x", "bbox/AP", Map.of(1L, 40.0, 2L, 40.0, 3L, 40.0, 4L, 40.0, 5L,
        40.0));
    Replicates gn = Replicates.of("gn", "top1", Map.of(1L, 70.0));
    Replicates bn = Replicates.of("bn", "top1", Map.of(1L, 69.5));
    String md = StatsMarkdown.comparisonTable(List.of(Comparison.of(a, b), Comparison.of(gn, bn)),
        StatsMarkdownTest::unit);
    assertEquals("""
        | comparison | difference | 95 % CI | n | verdict |
        | --- | ---: | ---: | ---: | --- |
        | `scratch-6x` − `pretrained-2x` (box AP) | +0.4 | [−0.5, +1.3] | 5 | no significant difference |
        | `gn` − `bn` (top1) | +0.50 | — | 1 | no interval with one replicate |

        - `scratch-6x` − `pretrained-2x` (box AP): seed 6 dropped: no pretrained-2x value
        """, md);
  }
}
