package dev.rethink.runtime.report;

import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.report.provenance.Platform;
import dev.rethink.runtime.report.provenance.Provenance;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's {@code report.md}: the study's question, a table comparing the variants (architecture, norm,
 * init, data, schedule as a multiple of the profile's 1x, final metrics, budget seen, status) and the curves of
 * {@link CurveChart}.
 */
public final class StudyReport {
  /** The budget column: the variant's total, pre-training stages included. */
  static final String SEEN = "seen (incl. pre-training)";

  private static final Logger LOG = LoggerFactory.getLogger(StudyReport.class);

  private StudyReport() {}

  /** Reads the run directory and writes {@code report.md} and {@code curves.png} into it. */
  public static void write(RunDirectory run) {
    StudySpec spec = run.readStudy();
    Map<String, VariantSummary> summaries = new LinkedHashMap<>();
    Map<String, MetricsLog.Contents> metrics = new LinkedHashMap<>();
    for (VariantSpec v : spec.variants()) {
      run.readSummary(v.name()).ifPresent(s -> summaries.put(v.name(), s));
      metrics.put(v.name(), run.readMetrics(v.name()));
    }
    boolean plotted;
    try {
      plotted = CurveChart.write(run.curves(), spec.name(), metrics);
    } catch (RuntimeException e) {
      // E.g. while the JVM shuts down after SIGTERM, AWT's font manager cannot register its shutdown hook: the
      // table matters more than the picture, and `rethink report <dir>` draws it later.
      LOG.warn("curves not drawn ({}); `rethink report {}` draws them", e.toString(), run.root());
      plotted = false;
    }
    RunDirectory.write(run.report(), markdown(spec, summaries, plotted ? run.root().relativize(run.curves())
        .toString() : null, host(run)));
  }

  /** The processor and kernel path of the run's latest process, or null for a run recorded without them. */
  private static String host(RunDirectory run) {
    if (!Files.exists(run.provenance())) {
      return null;
    }
    try {
      Platform p = Provenance.read(run.provenance()).platform();
      return p == null || p.cpu() == null ? null : p.host() + ": " + p.cpu().summary();
    } catch (RuntimeException e) {
      LOG.warn("host not named in the report: {} unreadable ({})", run.provenance(), e.toString());
      return null;
    }
  }

  /**
   * The report's Markdown.
   *
   * @param summaries by variant name; a variant without one is shown as "not run"
   * @param curvesLink the curves image, relative to the report, or null when there is none
   */
  public static String markdown(StudySpec spec, Map<String, VariantSummary> summaries, String curvesLink) {
    return markdown(spec, summaries, curvesLink, null);
  }

  /**
   * The report's Markdown, naming the host its figures come from: oneDNN's kernels differ by processor, so the
   * same study gives different figures on different CPUs.
   *
   * @param host the host and its processor and kernel path, or null when unknown
   */
  public static String markdown(StudySpec spec, Map<String, VariantSummary> summaries, String curvesLink,
      String host) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(spec.name()).append(" (").append(spec.profile()).append(" profile)\n\n");
    if (host != null) {
      md.append("Measured on ").append(host).append(".\n\n");
    }
    if (!spec.description().isBlank()) {
      md.append(spec.description().strip()).append("\n\n");
    }
    List<String> metricNames = MetricColumns.shown(metricNames(spec, summaries));
    List<String> header = new ArrayList<>(List.of("variant", "model", "norm", "init", "data", "schedule"));
    metricNames.forEach(m -> header.add(MetricColumns.heading(m)));
    header.addAll(List.of(SEEN, "trainable params", "time", "status"));
    row(md, header);
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      boolean metric = i >= 6 && i < 6 + metricNames.size();
      rule.add(metric || h.equals(SEEN) || h.equals("trainable params") || h.equals("time") ? "---:" : "---");
    }
    row(md, rule);
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (VariantSpec v : spec.variants()) {
      Optional<VariantSummary> s = Optional.ofNullable(summaries.get(v.name()));
      List<String> cells = new ArrayList<>(List.of("`" + v.name() + "`", VariantLabels.model(v.model()),
          VariantLabels.norm(v.model().backbone().norm()), VariantLabels.init(v), VariantLabels.data(v.data()),
          VariantLabels.schedule(v, spec.profile())));
      for (String m : metricNames) {
        cells.add(s.map(x -> x.metrics().get(m)).map(x -> MetricColumns.cell(m, x)).orElse("—"));
      }
      cells.add(s.filter(x -> x.totalBudget().images() > 0).map(x -> VariantLabels.budget(x.totalBudget()))
          .orElse("—"));
      cells.add(s.filter(x -> x.trainableParameters() > 0)
          .map(x -> VariantLabels.parameters(x.trainableParameters())).orElse("—"));
      cells.add(s.filter(x -> x.status() != VariantStatus.SKIPPED).map(x -> VariantLabels.duration(x.wallSeconds())).orElse("—"));
      cells.add(s.map(StudyReport::status).orElse("not run"));
      row(md, cells);
      s.filter(x -> x.message() != null).ifPresent(x -> notes.add("- `" + v.name() + "` " + x.status().label()
          + ": " + x.message()));
      s.ifPresent(x -> x.warnings().forEach(w -> warnings.add("- `" + v.name() + "`: " + w)));
    }
    md.append('\n');
    if (!metricNames.isEmpty()) {
      md.append("Metrics are the final evaluation on each variant's evaluation split");
      md.append(metricNames.stream().anyMatch(m -> m.startsWith("top")) ? " (accuracies in %)" : "");
      if (metricNames.stream().anyMatch(MetricColumns::percentOfFraction)) {
        md.append("; AP in % (COCO: AP over IoU .50:.95, AP50, AP75; every COCO number is in each variant's"
            + " metrics.jsonl and summary.json)");
      }
      md.append("; schedules are multiples of the ").append(spec.profile()).append(" profile's 1x in images seen");
      md.append(spec.variants().stream().anyMatch(v -> v.model().detector().isPresent())
          ? " (a detector's: the profile's detection 1x)" : "");
      md.append("; \"").append(SEEN).append("\" counts the training images, instances and input pixels of the")
          .append(" variant and of the pre-training it starts from (the paper's Figure 2).\n\n");
    }
    if (!notes.isEmpty()) {
      md.append("## Variants that did not complete\n\n");
      notes.forEach(n -> md.append(n).append('\n'));
      md.append('\n');
    }
    if (!warnings.isEmpty()) {
      md.append("## Warnings\n\n");
      warnings.forEach(w -> md.append(w).append('\n'));
      md.append('\n');
    }
    if (curvesLink != null) {
      md.append("## Curves\n\n![training loss and evaluation metric vs iterations](").append(curvesLink)
          .append(")\n");
    }
    return md.toString();
  }

  /** The status, with how far a stopped variant got: {@code diverged at 37/300}. */
  private static String status(VariantSummary s) {
    if (s.finalCheckpointMissing()) {
      return "completed, final checkpoint not written";
    }
    return s.status() == VariantStatus.DIVERGED || s.status() == VariantStatus.FAILED
        || s.status() == VariantStatus.INTERRUPTED
        ? s.status().label() + " at " + s.iterations() + "/" + s.plannedIterations()
        : s.status().label();
  }

  /** Metric names in first-seen order over the variants. */
  private static List<String> metricNames(StudySpec spec, Map<String, VariantSummary> summaries) {
    Set<String> names = new LinkedHashSet<>();
    for (VariantSpec v : spec.variants()) {
      VariantSummary s = summaries.get(v.name());
      if (s != null) {
        names.addAll(s.metrics().keySet());
      }
    }
    return List.copyOf(names);
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append("| ");
    md.append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()));
    md.append(" |\n");
  }
}
