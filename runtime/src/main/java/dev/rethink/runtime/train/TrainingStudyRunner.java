package dev.rethink.runtime.train;

import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.StudyReport;
import dev.rethink.runtime.report.VariantLabels;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the variants one after another into {@link RunOptions#outDir()}, rewriting the report after each. */
final class TrainingStudyRunner implements StudyRunner {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingStudyRunner.class);

  private final VariantTrainer trainer;
  private final DataSource dataSource;
  private final ClassificationEvaluator classification;
  private final RunOptions options;

  @Inject
  TrainingStudyRunner(VariantTrainer trainer, DataSource dataSource, ClassificationEvaluator classification,
      RunOptions options) {
    this.trainer = trainer;
    this.dataSource = dataSource;
    this.classification = classification;
    this.options = options;
  }

  @Override
  public StudyOutcome run(StudySpec study) {
    RunDirectory run = new RunDirectory(options.outDir());
    List<VariantSpec> order = study.executionOrder();
    // A missing device or dataset fails the run before anything is written.
    trainer.sessionConfig();
    StudyData data = StudyData.open(dataSource, classification, order);
    requireEmpty(run.root());
    run.writeStudy(study);
    LOG.info("study {} ({} profile): {} variants into {}", study.name(), study.profile(), order.size(),
        run.root());
    Map<String, VariantSummary> done = new HashMap<>();
    List<VariantSummary> summaries = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      VariantSpec v = order.get(i);
      VariantSummary summary = unmetDependency(v, done).map(reason ->
          VariantSummary.skipped(v.name(), v.schedule().iterations(), reason)).orElse(null);
      if (summary == null) {
        LOG.info("variant {}/{}: {} — {}, {}, {}, {}, {}", i + 1, order.size(), v.name(),
            VariantLabels.model(v.model()), VariantLabels.norm(v.model().backbone().norm()), VariantLabels.init(v),
            VariantLabels.data(v.data()), VariantLabels.schedule(v.schedule(), study.profile()));
        summary = trainer.train(v, data.of(v), run);
      }
      LOG.info("variant {}: {}{} after {} iterations in {}{}", v.name(), summary.status().label(),
          summary.message() == null ? "" : " (" + summary.message() + ")", summary.iterations(),
          VariantLabels.duration(summary.wallSeconds()), summary.metrics().isEmpty() ? "" : ": " + summary.metrics());
      run.writeSummary(summary);
      done.put(v.name(), summary);
      summaries.add(summary);
      StudyReport.write(run);
    }
    LOG.info("report: {}", run.report());
    return new StudyOutcome(run, summaries);
  }

  /** Why {@code v} cannot start: the variant it takes weights from did not complete. */
  private static Optional<String> unmetDependency(VariantSpec v, Map<String, VariantSummary> done) {
    if (v.init().weights() instanceof FromVariant from) {
      VariantSummary source = done.get(from.variant());
      if (source == null || source.status() != VariantStatus.COMPLETED) {
        return Optional.of("its weights come from '" + from.variant() + "', which "
            + (source == null ? "did not run" : source.status().label()));
      }
    }
    return Optional.empty();
  }

  /** A run never overwrites another: resuming is a separate, explicit operation. */
  private static void requireEmpty(Path dir) {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalStateException("run directory " + dir + " is not empty; choose another --out");
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
