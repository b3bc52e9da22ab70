package dev.rethink.runtime.report.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The report's Markdown for replicates and comparisons: cells the variant table can hold, and the comparison
 * table. Units come from the caller ({@code metric name -> Unit}) so that headings and decimals stay those of the
 * report's {@code MetricColumns}.
 */
public final class StatsMarkdown {
  /** The comparison table's header. */
  static final List<String> COMPARISON_HEADER = List.of("comparison", "difference", "95 % CI", "n", "verdict");

  private StatsMarkdown() {}

  /**
   * One metric of one variant as a cell: {@code 3.0 ± 1.6 [1.0, 5.0]} (mean ± sd [95 % interval of the mean]);
   * with one replicate {@code 3.0 (n = 1: no interval with one replicate)}; a diverged replicate left out adds
   * {@code , 1 diverged excluded} after n.
   */
  public static String cell(Summary s, Unit unit) {
    String excluded = s.excluded() == 0 ? "" : ", " + s.excluded() + " diverged excluded";
    if (!s.hasInterval()) {
      return unit.plain(s.mean()) + " (n = 1" + excluded + ": " + Summary.ONE_REPLICATE + ")";
    }
    String cell = unit.plain(s.mean()) + " ± " + unit.plain(s.sd()) + " [" + unit.plain(s.interval().lo()) + ", "
        + unit.plain(s.interval().hi()) + "]";
    return excluded.isEmpty() ? cell : cell + " (n = " + s.n() + excluded + ")";
  }

  /**
   * A table of summaries, one row per variant and metric: variant, metric, n, mean ± sd [95 % CI].
   *
   * @param units the unit of each metric name
   */
  public static String summaryTable(List<Summary> summaries, Function<String, Unit> units) {
    StringBuilder md = new StringBuilder();
    row(md, List.of("variant", "metric", "n", "mean ± sd [95 % CI]"));
    row(md, List.of("---", "---", "---:", "---:"));
    for (Summary s : summaries) {
      Unit unit = units.apply(s.metric());
      row(md, List.of("`" + s.variant() + "`", unit.label(), Integer.toString(s.n()), cell(s, unit)));
    }
    return md.toString();
  }

  /**
   * The comparison table: comparison, difference, 95 % CI, n, verdict; then, as a list, what each comparison left
   * out (dropped seeds, diverged replicates), naming the comparison.
   *
   * @param units the unit of each metric name
   */
  public static String comparisonTable(List<? extends Comparison> comparisons, Function<String, Unit> units) {
    StringBuilder md = new StringBuilder();
    row(md, COMPARISON_HEADER);
    row(md, List.of("---", "---:", "---:", "---:", "---"));
    List<String> notes = new ArrayList<>();
    for (Comparison c : comparisons) {
      Unit unit = units.apply(c.metric());
      String name = "`" + c.a() + "` \u2212 `" + c.b() + "` (" + unit.label() + ")";
      Interval ci = c.interval();
      row(md, List.of(name, unit.signed(c.difference()),
          ci == null ? "—" : "[" + unit.signed(ci.lo()) + ", " + unit.signed(ci.hi()) + "]",
          c.nLabel() + c.method(), c.verdictWords()));
      c.notes().forEach(n -> notes.add("- " + name + ": " + n));
    }
    if (!notes.isEmpty()) {
      md.append('\n');
      notes.forEach(n -> md.append(n).append('\n'));
    }
    return md.toString();
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append("| ");
    md.append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()));
    md.append(" |\n");
  }
}
