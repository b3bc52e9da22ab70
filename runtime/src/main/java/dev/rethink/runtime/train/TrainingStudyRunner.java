package dev.rethink.runtime.train;

import dev.rethink.runtime.eval.ClassificationEvaluator;
import dev.rethink.runtime.eval.DetectionEvaluator;
import dev.rethink.runtime.task.StudyData;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.report.MetricColumns;
import dev.rethink.runtime.report.Budget;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.SpecDifference;
import dev.rethink.runtime.report.StudyReport;
import dev.rethink.runtime.report.VariantLabels;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.report.provenance.DatasetIdentity;
import dev.rethink.runtime.report.provenance.Provenance;
import dev.rethink.runtime.report.provenance.VariantProvenance;
import dev.rethink.runtime.train.checkpoint.Checkpoint;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import dev.rethink.runtime.train.control.GracefulStop;
import dev.rethink.runtime.train.control.RunLock;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

/**
 * Runs the variants one after another into {@link RunOptions#outDir()}, rewriting the report after each, holding
 * the directory's {@link RunLock}. A directory that already holds this study's {@code study.json} is resumed:
 * completed and diverged variants are kept, the others continue from their latest checkpoint.
 */
final class TrainingStudyRunner implements StudyRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingStudyRunner.class);

  private final VariantTrainer trainer;
  private final DataSource dataSource;
  private final ClassificationEvaluator classification;
  private final DetectionEvaluator detection;
  private final RunOptions options;
  private final GracefulStop stop;

  @Inject
  TrainingStudyRunner(VariantTrainer trainer, DataSource dataSource, ClassificationEvaluator classification,
      DetectionEvaluator detection, RunOptions options, GracefulStop stop) {
    this.trainer = trainer;
    this.dataSource = dataSource;
    this.classification = classification;
    this.detection = detection;
    this.options = options;
    this.stop = stop;
  }

  @Override
  public StudyOutcome run(StudySpec study) {
    RunDirectory run = new RunDirectory(options.outDir());
    List<VariantSpec> order = study.executionOrder();
    // A missing device or dataset fails the run before anything is written.
    ConfigProto config = trainer.sessionConfig();
    StudyData data = StudyData.open(dataSource, classification, detection, order);
    try (RunLock lock = RunLock.acquire(run.root())) {
      boolean resuming = Files.exists(run.studyJson());
      StudySpec recorded = study;
      if (resuming) {
        recorded = reconcile(run, study);
        recordKilledSegments(run, recorded);
        if (run.readOptions().isEmpty()) {
          run.writeOptions(options.scoped()); // a run started before its options were recorded
        }
      } else {
        requireEmpty(run.root());
        run.writeStudy(study);
        run.writeOptions(options.scoped());
      }
      Map<String, DatasetIdentity> datasets = new LinkedHashMap<>();
      order.forEach(v -> datasets.put(v.name(), data.of(v).identity(v)));
      Provenance provenance = Provenance.starting(recorded, resuming && Files.exists(run.provenance())
              ? Provenance.read(run.provenance()) : null,
          new Provenance.DeviceRecord(options.device().cliName(), config.getIntraOpParallelismThreads(),
              config.getInterOpParallelismThreads(), options.devices().cliName(), options.accumulate()), datasets, options.commandLine(), options.scoped());
      provenance.write(run.provenance());
      LOG.info("study {} ({} profile): {} {} {}", study.name(), study.profile(),
          VariantLabels.count(order.size(), "variant"), resuming ? "resumed in" : "into", run.root());
      String outcome = "failed";
      try {
        List<VariantSummary> summaries = variants(study, order, data, run, resuming);
        outcome = summaries.stream().anyMatch(s -> s.status() == VariantStatus.INTERRUPTED)
            || summaries.size() < order.size() ? "interrupted" : "completed";
        LOG.info("report: {}", run.report());
        return new StudyOutcome(run, summaries);
      } finally {
        try {
          provenance.ended(outcome).write(run.provenance());
        } catch (UncheckedIOException e) {
          LOG.warn("{}: the end of this process was not recorded ({})", run.provenance(), e.getCause().getMessage());
        }
      }
    }
  }

  /** Trains the variants in order; stops after an interrupted one (or before the next on a stop request). */
  private List<VariantSummary> variants(StudySpec study, List<VariantSpec> order, StudyData data, RunDirectory run,
      boolean resuming) {
    Map<String, VariantSummary> done = new HashMap<>();
    List<VariantSummary> summaries = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      VariantSpec v = order.get(i);
      if (stop.requested()) {
        LOG.warn("stop requested: {} and the variants after it are left for the next run", v.name());
        break;
      }
      Optional<VariantSummary> previous = resuming ? run.readSummary(v.name()) : Optional.empty();
      VariantSummary summary = previous.filter(VariantSummary::done).orElse(null);
      if (previous.filter(VariantSummary::finalCheckpointMissing).isPresent()) {
        LOG.info("variant {}/{}: {} completed without its final checkpoint; resuming it from its newest checkpoint"
            + " to write it", i + 1, order.size(), v.name());
      }
      if (summary != null) {
        LOG.info("variant {}/{}: {} already {} in an earlier run; not run again", i + 1, order.size(), v.name(),
            summary.status().label());
      } else {
        summary = unmetDependency(v, done).map(reason ->
            VariantSummary.skipped(v.name(), v.schedule().iterations(), reason)).orElse(null);
      }
      if (summary == null) {
        LOG.info("variant {}/{}: {} — {}, {}, {}, {}, {}", i + 1, order.size(), v.name(),
            VariantLabels.model(v.model()), VariantLabels.norm(v.model().backbone().norm()), VariantLabels.init(v),
            VariantLabels.data(v.data()), VariantLabels.schedule(v, study.profile()));
        summary = trainer.train(v, data.of(v), run, inheritedBudget(v, done));
        LOG.info("variant {}: {}{} after {} in {}{}", v.name(), summary.status().label(),
            summary.message() == null ? "" : " (" + summary.message() + ")",
            VariantLabels.count(summary.iterations(), "iteration"),
            VariantLabels.duration(summary.wallSeconds()), summary.metrics().isEmpty() ? ""
                : ": " + MetricColumns.summary(summary.metrics()));
        summary = writeSummary(run, summary);
      } else if (summary.status() == VariantStatus.SKIPPED) {
        LOG.info("variant {}: skipped ({})", v.name(), summary.message());
        summary = writeSummary(run, summary);
      }
      done.put(v.name(), summary);
      summaries.add(summary);
      try {
        StudyReport.write(run);
      } catch (RuntimeException e) {
        LOG.warn("{} not written ({}); `rethink report {}` writes it", run.report(), e.getMessage(), run.root());
      }
      if (summary.status() == VariantStatus.INTERRUPTED) {
        break;
      }
    }
    return summaries;
  }

  /**
   * Writes the variant's {@code summary.json}; if that fails (a full disk), the summary returned says so, and the
   * command line prints it with the variant's final metrics, so that they are not lost.
   */
  private static VariantSummary writeSummary(RunDirectory run, VariantSummary summary) {
    try {
      run.writeSummary(summary);
      return summary;
    } catch (UncheckedIOException e) {
      String warning = run.summary(summary.variant()) + " was not written (" + e.getCause().getMessage()
          + "); its final metrics are only in this output";
      LOG.warn("{}: {}", summary.variant(), warning);
      return summary.withWarning(warning);
    }
  }

  /** The total budget of the variant {@code v} takes its weights from (its pre-training stages included). */
  private static Budget inheritedBudget(VariantSpec v, Map<String, VariantSummary> done) {
    if (v.init().weights() instanceof FromVariant from && done.containsKey(from.variant())) {
      return done.get(from.variant()).totalBudget();
    }
    return Budget.ZERO;
  }

  /**
   * The spec the run directory records from now on. A run directory is resumed by the study that made it: the
   * same study and profile, and for every variant it already holds, the same spec (its results were computed
   * from that spec); the error names the variant and the first differing field. {@code study} may run a subset of
   * its variants ({@code --variant}) and may add variants: those are appended to {@code study.json}, whose earlier
   * content is kept in {@code study-<timestamp>.json}.
   */
  private static StudySpec reconcile(RunDirectory run, StudySpec study) {
    StudySpec recorded = run.readStudy();
    SpecDifference.firstOutsideVariants(recorded, study).ifPresent(d -> {
      throw new IllegalStateException("run directory " + run.root() + " holds another study, so it cannot be"
          + " resumed with this one: " + d + " (hint: run the same study at the same profile, or choose another"
          + " --out)");
    });
    // In execution order: a weight source is named before the variants whose spec differs only through it.
    for (VariantSpec v : study.executionOrder()) {
      Optional<VariantSpec> before = recorded.variant(v.name());
      if (before.isEmpty()) {
        continue;
      }
      // A run directory written before schedules kept their "Nx" holds none: what trains is compared, not the label.
      VariantSpec now = before.get().schedule().multiple() == null
          ? v.withSchedule(v.schedule().withoutMultiple()) : v;
      SpecDifference.first(before.get(), now).ifPresent(d -> {
        throw new IllegalStateException("run directory " + run.root() + " holds variant '" + v.name() + "' with"
            + " another spec, so it cannot be resumed with this one: " + d + " (hint: the results of a variant"
            + " belong to its spec: run with the same study, profile and --seed; to try a changed variant, give it"
            + " a new name and it is added to the run; or choose another --out)");
      });
    }
    List<VariantSpec> added = study.variants().stream().filter(v -> recorded.variant(v.name()).isEmpty()).toList();
    if (added.isEmpty()) {
      return recorded;
    }
    List<VariantSpec> variants = new ArrayList<>(recorded.variants());
    variants.addAll(added);
    StudySpec merged = new StudySpec(recorded.schemaVersion(), recorded.name(), recorded.description(),
        recorded.profile(), variants);
    Path kept = run.replaceStudy(merged);
    LOG.info("variants {} added to {}; the spec it held before is kept in {}",
        added.stream().map(VariantSpec::name).toList(), run.studyJson(), kept.getFileName());
    return merged;
  }

  /**
   * A variant whose last training segment is still recorded as running was being trained by a process that died
   * without recording its end (this process holds the run lock, so that one is gone): its segment is rewritten as
   * killed, reaching its newest checkpoint, the part of its work that survived.
   */
  private static void recordKilledSegments(RunDirectory run, StudySpec recorded) {
    for (VariantSpec v : recorded.variants()) {
      Path file = run.provenance(v.name());
      if (!Files.exists(file)) {
        continue;
      }
      VariantProvenance p = VariantProvenance.read(file);
      if (!p.running()) {
        continue;
      }
      List<Checkpoint> published = CheckpointManager.published(run.checkpoints(v.name()));
      Checkpoint newest = published.isEmpty() ? null : published.get(published.size() - 1);
      VariantProvenance killed = p.killed(newest == null ? null : newest.step(),
          newest == null ? null : newest.written());
      killed.write(file);
      VariantProvenance.Segment segment = killed.segments().get(killed.segments().size() - 1);
      LOG.warn("{}: process {} died while training it (no end recorded); recorded as killed, its work kept up to"
          + " iteration {}", v.name(), segment.pid(), segment.toStep());
    }
  }

  /** Why {@code v} cannot start: the variant it takes weights from did not complete. */
  private static Optional<String> unmetDependency(VariantSpec v, Map<String, VariantSummary> done) {
    if (v.init().weights() instanceof FromVariant from) {
      VariantSummary source = done.get(from.variant());
      if (source == null || source.status() != VariantStatus.COMPLETED) {
        return Optional.of("its weights come from '" + from.variant() + "', which "
            + (source == null ? "did not run" : source.status().label()));
      }
      if (source.finalCheckpointMissing()) {
        return Optional.of("its weights come from '" + from.variant() + "', whose final checkpoint was not written"
            + " (see its warning); running the study again writes it, then runs this variant");
      }
    }
    return Optional.empty();
  }

  /** A new run never writes into a directory holding anything but its own lock file. */
  private static void requireEmpty(Path dir) {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
          throw new IllegalStateException("run directory " + dir + " is not empty and holds no study.json to"
              + " resume; choose another --out");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
