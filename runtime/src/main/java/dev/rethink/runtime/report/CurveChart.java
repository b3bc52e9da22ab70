package dev.rethink.runtime.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The study's {@code curves.png}: training loss (top) and the headline evaluation metric (bottom; box AP in % when
 * the study has detectors, keypoint AP when they predict keypoints, see {@link MetricColumns#headline}) against
 * iterations, one line per variant in the same color in both panels. Evaluation points are drawn as markers, so a
 * variant evaluated only at the end still shows.
 */
public final class CurveChart {
  /** Distinguishable colors (Okabe–Ito palette, safe for color-blind readers). */
  private static final List<Color> PALETTE = List.of(new Color(0, 114, 178), new Color(213, 94, 0),
      new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
      new Color(0, 0, 0), new Color(240, 228, 66));
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 750;

  private CurveChart() {}

  /**
   * Draws the curves of the variants (in map order) into {@code png}.
   *
   * @return false, writing nothing, when no variant has a training line
   */
  public static boolean write(Path png, String title, Map<String, MetricsLog.Contents> variants) {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection losses = new XYSeriesCollection();
    XYSeriesCollection evals = new XYSeriesCollection();
    List<Integer> lossColors = new ArrayList<>();
    List<Integer> evalColors = new ArrayList<>();
    String metric = headlineMetric(variants);
    int index = 0;
    for (Map.Entry<String, MetricsLog.Contents> e : variants.entrySet()) {
      XYSeries loss = new XYSeries(e.getKey(), true, false);
      for (TrainingRecord r : e.getValue().training()) {
        if (Double.isFinite(r.loss())) {
          loss.add(r.step(), r.loss());
        }
      }
      if (!loss.isEmpty()) {
        losses.addSeries(loss);
        lossColors.add(index);
      }
      if (metric != null) {
        XYSeries eval = new XYSeries(e.getKey(), true, false);
        for (EvalRecord r : e.getValue().evaluations()) {
          Double v = r.metrics().get(metric);
          if (v != null && Double.isFinite(v)) {
            eval.add(r.step(), MetricColumns.display(metric, v));
          }
        }
        if (!eval.isEmpty()) {
          evals.addSeries(eval);
          evalColors.add(index);
        }
      }
      index++;
    }
    if (losses.getSeriesCount() == 0) {
      return false;
    }
    NumberAxis iterations = new NumberAxis("iterations");
    iterations.setAutoRangeIncludesZero(true);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(iterations);
    plot.setGap(12);
    plot.add(panel(losses, "training loss", lossColors, false, true), 3);
    String label = metric == null ? null : MetricColumns.heading(metric)
        + (MetricColumns.percentOfFraction(metric) ? " (%)" : "");
    if (evals.getSeriesCount() > 0) {
      plot.add(panel(evals, label + ", eval", evalColors, true, false), 2);
    }
    JFreeChart chart = new JFreeChart(title + ": training loss"
        + (evals.getSeriesCount() > 0 ? " and " + MetricColumns.heading(metric) : "") + " vs iterations",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
    return true;
  }

  private static XYPlot panel(XYSeriesCollection data, String label, List<Integer> colors, boolean shapes,
      boolean inLegend) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < colors.size(); i++) {
      Paint paint = PALETTE.get(colors.get(i) % PALETTE.size());
      renderer.setSeriesPaint(i, paint);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    renderer.setDefaultSeriesVisibleInLegend(inLegend);
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  private static String headlineMetric(Map<String, MetricsLog.Contents> variants) {
    Set<String> names = new LinkedHashSet<>();
    for (MetricsLog.Contents c : variants.values()) {
      for (EvalRecord r : c.evaluations()) {
        names.addAll(r.metrics().keySet());
      }
    }
    return MetricColumns.headline(names);
  }
}
