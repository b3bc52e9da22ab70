package dev.rethink.runtime.train;

import dev.rethink.runtime.device.SessionConfigs;
import dev.rethink.runtime.eval.EvalContext;
import dev.rethink.runtime.task.FeedStream;
import dev.rethink.runtime.task.Feeds;
import dev.rethink.runtime.task.TrainingTask;
import dev.rethink.dsl.init.FromCheckpoint;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.init.MsraFill;
import dev.rethink.dsl.init.WeightsSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.model.ModelCompiler;
import dev.rethink.runtime.report.Budget;
import dev.rethink.runtime.report.EvalRecord;
import dev.rethink.runtime.report.MetricColumns;
import dev.rethink.runtime.report.MetricsLog;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantLabels;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.report.provenance.VariantProvenance;
import dev.rethink.runtime.train.checkpoint.Checkpoint;
import dev.rethink.runtime.train.checkpoint.CheckpointException;
import dev.rethink.runtime.train.checkpoint.CheckpointFiles;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import dev.rethink.runtime.train.control.GracefulStop;
import dev.rethink.runtime.train.tensorboard.TensorBoardWriter;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

/**
 * Trains and evaluates one variant into its directory of the run: graph, session, initializer, backbone restore
 * (or resume from its latest checkpoint), the SGD loop over its task's feeds with periodic checkpoints, the
 * divergence guard and a clean stop on SIGINT / SIGTERM, periodic and final evaluation, final checkpoint;
 * metrics.jsonl, TensorBoard events and the variant's provenance record. The loop is the same for
 * every task; what a batch feeds and how the model is evaluated is the {@link TrainingTask}'s.
 */
final class VariantTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(VariantTrainer.class);

  private final ModelCompiler compiler;
  private final RunOptions options;
  private final Set<TrainingListener> listeners;
  private final GracefulStop stop;
  private final CheckpointFiles checkpointFiles;
  private ConfigProto sessionConfig;

  @Inject
  VariantTrainer(ModelCompiler compiler, RunOptions options, Set<TrainingListener> listeners, GracefulStop stop,
      CheckpointFiles checkpointFiles) {
    this.compiler = compiler;
    this.options = options;
    this.listeners = listeners;
    this.stop = stop;
    this.checkpointFiles = checkpointFiles;
  }

  /**
   * The session configuration of {@link RunOptions#device()}, checked once.
   *
   * @throws IllegalStateException if the device is not available
   */
  ConfigProto sessionConfig() {
    if (sessionConfig == null) {
      sessionConfig = SessionConfigs.forDevices(options.devices());
    }
    return sessionConfig;
  }

  /** What the loop knows so far, for the summary of a variant stopped by an error. */
  private static final class State {
    long step;
    long firstStep;
    long parameters;
    Double lastLoss;
    Map<String, Double> metrics = Map.of();
    /** The budget of every segment so far (restored from the checkpoint on resume). */
    Budget seen = Budget.ZERO;
    /** The last checkpoint written or resumed from: never a diverged state. */
    Checkpoint checkpoint;
    /** The final checkpoint could not be written (a full disk): the variant completed without it. */
    boolean finalCheckpointMissing;
    /** What went wrong without stopping the variant, for its summary. */
    final List<String> warnings = new ArrayList<>();
    long checkpointNanos;
    /** Wall time of the earlier segments (from the checkpoint resumed from). */
    double earlierSeconds;
    long started;

    double wallSeconds() {
      return earlierSeconds + (System.nanoTime() - started) / 1e9;
    }
  }

  /** How the loop ended: completed (message null), diverged or interrupted. */
  private record Ending(VariantStatus status, String message) {}

  /**
   * Trains {@code variant}, resuming from its latest checkpoint when one exists (same global step, weights,
   * momentum, data position and budget); errors become a {@link VariantStatus#FAILED} summary, never an exception.
   *
   * @param inherited the total budget of the variant whose weights it starts from ({@link Budget#ZERO} if none)
   */
  VariantSummary train(VariantSpec variant, TrainingTask task, RunDirectory run, Budget inherited) {
    long started = System.nanoTime();
    State state = new State();
    state.started = started;
    VariantProvenance provenance = null;
    try {
      ConfigProto config = sessionConfig();
      CheckpointManager checkpoints = CheckpointManager.open(run.checkpoints(variant.name()),
          options.keepCheckpoints(), checkpointFiles);
      Optional<Checkpoint> resume = checkpoints.latest();
      long building = System.nanoTime();
      try (VariantRun vr = VariantRun.open(compiler, variant, config, options.placement())) {
        state.parameters = vr.model().trainableParameterCount();
        vr.initialize();
        LOG.info("{}: graph built and initialized in {} ({} trainable parameters)", variant.name(),
            VariantLabels.duration((System.nanoTime() - building) / 1e9), String.format(Locale.ROOT, "%,d",
                state.parameters));
        VariantProvenance earlier = Files.exists(run.provenance(variant.name()))
            ? VariantProvenance.read(run.provenance(variant.name())) : null;
        String initCheckpoint = earlier == null ? null : earlier.initCheckpoint();
        if (resume.isPresent()) {
          Checkpoint c = resume.get();
          vr.restore(c.prefix());
          state.seen = c.seen();
          state.earlierSeconds = c.wallSeconds();
          state.checkpoint = c;
          LOG.info("{}: resuming from {} (iteration {})", variant.name(), c.prefix(), c.step());
        } else {
          Optional<Path> init = checkpointToRestore(variant, run);
          if (init.isPresent()) {
            requireCheckpoint(variant, init.get());
            vr.restoreBackbone(init.get());
            LOG.info("{}: backbone restored from {}", variant.name(), init.get());
            initCheckpoint = (init.get().startsWith(run.root()) ? run.root().relativize(init.get()) : init.get())
                .toString();
          }
        }
        state.step = vr.globalStep();
        if (resume.isPresent() && state.step != resume.get().step()) {
          throw new IllegalStateException(variant.name() + ": checkpoint " + resume.get().prefix() + " holds global"
              + " step " + state.step + ", its record says " + resume.get().step());
        }
        state.firstStep = state.step;
        state.checkpointNanos = System.nanoTime();
        provenance = VariantProvenance.starting(variant, task.identity(variant), initCheckpoint,
            resume.isPresent() ? earlier : null, state.step);
        provenance.write(run.provenance(variant.name()));
        listeners.forEach(l -> l.variantStarted(variant, vr.session(), vr.model()));
        Ending ending = loop(variant, vr, task, run, checkpoints, state, resume.isPresent());
        // Told only when the full disk did not cost the final checkpoint: that warning says it all.
        if (checkpoints.removedForSpace() > 0 && !state.finalCheckpointMissing) {
          state.warnings.add(String.format(Locale.ROOT, "%s filled up: %d checkpoint(s) older than the latest were"
              + " removed to make room for newer ones, so fewer than --keep %d are kept", checkpoints.directory(),
              checkpoints.removedForSpace(), options.keepCheckpoints()));
        }
        try {
          provenance.ended(state.step, ending.status().label()).write(run.provenance(variant.name()));
        } catch (UncheckedIOException e) {
          state.warnings.add(run.provenance(variant.name()) + ": the end of this segment was not recorded ("
              + e.getCause().getMessage() + ")");
        }
        VariantSummary summary = summary(variant, ending.status(), ending.message(), state, started, run,
            inherited);
        listeners.forEach(l -> l.variantFinished(variant, vr.session(), vr.model(), summary));
        return summary;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(variant, state, started, "interrupted while waiting for a batch", e, run, inherited,
          provenance);
    } catch (RuntimeException e) {
      return failed(variant, state, started, e.toString(), e, run, inherited, provenance);
    }
  }

  /**
   * The SGD loop from the graph's global step to the end of the schedule, with checkpoints every
   * {@link RunOptions#checkpointEvery()} iterations (or minutes) and before the final evaluation.
   */
  private Ending loop(VariantSpec variant, VariantRun vr, TrainingTask task, RunDirectory run,
      CheckpointManager checkpoints, State state, boolean resumed) throws InterruptedException {
    int batch = variant.schedule().imagesPerBatch();
    int iterations = variant.schedule().iterations();
    int period = variant.eval().period();
    Path metricsFile = run.metrics(variant.name());
    MetricsLog metrics = resumed ? MetricsLog.resume(metricsFile, state.step) : MetricsLog.create(metricsFile);
    TensorBoardWriter board;
    try {
      board = TensorBoardWriter.open(run.tensorBoard(variant.name()));
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    try (metrics; board;
        // The stream starts at the global step, so a resumed run sees the batches it would have seen.
        FeedStream train = task.train(vr.model(), variant.seed(), batch, state.step);
        Progress progress = Progress.create(options.progressBar(), variant.name(), iterations)) {
      if (!resumed) {
        board.graph(state.step, vr.graphDef());
      } else if (period > 0 && state.step > 0 && state.step % period == 0 && state.step < iterations) {
        // The process that wrote this checkpoint stopped before the evaluation that follows it (a stop request
        // is honoured before the iteration's evaluation; a kill can land during it): run it now, on the same
        // restored weights, unless it was recorded.
        evaluateOnce(variant, vr, task, run, metrics, board, state);
      }
      long loopStart = System.nanoTime();
      double evalSeconds = 0;
      LogWindow window = new LogWindow(batch, loopStart, state.step, train.waitSeconds());
      while (state.step < iterations) {
        Feeds feeds = train.next();
        if (feeds == null) {
          throw new IllegalStateException(variant.name() + ": the training stream of "
              + VariantLabels.data(variant.data()) + " ended at step " + state.step);
        }
        StepResult result;
        try (feeds) {
          result = vr.step(feeds);
          state.seen = state.seen.plus(feeds.budget());
        }
        state.step++;
        window.add(result);
        long now = System.nanoTime();
        double trainedSeconds = (now - loopStart) / 1e9 - evalSeconds;
        double eta = trainedSeconds / (state.step - state.firstStep) * (iterations - state.step);
        progress.step(state.step, result, eta);
        String divergence = result.nonFinite();
        if (state.step % options.logEvery() == 0 || state.step == iterations || divergence != null) {
          TrainingRecord record = window.line(state.step, result.learningRate(), now, train.waitSeconds());
          metrics.training(record);
          board.scalars(state.step, scalars(record));
          progress.logged(record, eta);
          state.lastLoss = record.loss();
        }
        if (divergence != null) {
          progress.clear();
          return diverged(variant, state, String.format(Locale.ROOT, "diverged at iteration %d (lr %.4g): %s",
              state.step, result.learningRate(), divergence));
        }
        if (stop.requested()) {
          progress.clear();
          return interrupted(variant, vr, checkpoints, state);
        }
        boolean due = state.step % options.checkpointEvery() == 0 || (options.checkpointMinutes() > 0
            && now - state.checkpointNanos >= options.checkpointMinutes() * 60_000_000_000L);
        if (due && state.step < iterations) {
          progress.clear();
          Optional<Ending> bad = checkpoint(variant, vr, checkpoints, state, false, result.learningRate());
          board.flush();
          if (bad.isPresent()) {
            return bad.get();
          }
        }
        if (period > 0 && state.step % period == 0 && state.step < iterations) {
          long evalStart = System.nanoTime();
          progress.clear();
          evaluate(variant, vr, task, run, metrics, board, state);
          long evalEnd = System.nanoTime();
          evalSeconds += (evalEnd - evalStart) / 1e9;
          window.restartClock(evalEnd, state.step, train.waitSeconds());
        }
      }
      progress.clear();
      // The final weights are made safe before the final evaluation runs. If they cannot be written (a full disk),
      // the evaluation still runs, needing no disk, and the variant completes without its final checkpoint.
      try {
        Optional<Ending> bad = checkpoint(variant, vr, checkpoints, state, true, Double.NaN);
        if (bad.isPresent()) {
          return bad.get();
        }
      } catch (CheckpointException e) {
        state.finalCheckpointMissing = true;
        String warning = finalCheckpointWarning(e, state, run);
        state.warnings.add(warning);
        LOG.warn("{}: {}", variant.name(), warning);
      }
      evaluateOnce(variant, vr, task, run, metrics, board, state);
    } finally {
      metrics.failure().ifPresent(state.warnings::add);
      board.failure().ifPresent(state.warnings::add);
    }
    return new Ending(VariantStatus.COMPLETED, null);
  }

  /** What the summary says of a final checkpoint that could not be written, and how to get it. */
  private static String finalCheckpointWarning(CheckpointException e, State state, RunDirectory run) {
    String why = e.diskFull().map(d -> d.directory() + ": " + d.describe()).orElse(e.getMessage());
    String next = state.checkpoint == null
        ? "there is no earlier checkpoint: free space and run `rethink run --resume " + run.root() + "` to train it"
            + " again"
        : "its newest complete checkpoint is " + state.checkpoint.name() + " (iteration " + state.checkpoint.step()
            + "): free space and run `rethink run --resume " + run.root() + "` to train from it again and write the"
            + " final one";
    return "the final checkpoint (iteration " + state.step + ") was not written: " + why + "; the final evaluation"
        + " ran and its metrics are kept; " + next;
  }

  /** The TensorBoard scalars of a training line: {@code loss}, {@code loss/<term>}, {@code lr}, throughput. */
  private static Map<String, Double> scalars(TrainingRecord r) {
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("loss", r.loss());
    r.terms().forEach((term, value) -> s.put("loss/" + term, value));
    s.put("lr", r.learningRate());
    s.put("images_per_sec", r.imagesPerSecond());
    s.put("data_wait", r.dataWait());
    return s;
  }

  /**
   * Writes a checkpoint of the current state unless its weights are not finite (then the variant diverged and
   * the last good checkpoint stays). A failed periodic write is logged and training goes on (the previous
   * checkpoint is still the latest); a failed final write throws.
   */
  private Optional<Ending> checkpoint(VariantSpec variant, VariantRun vr, CheckpointManager checkpoints,
      State state, boolean last, double learningRate) {
    if (!vr.variablesFinite()) {
      return Optional.of(diverged(variant, state, String.format(Locale.ROOT, "diverged at iteration %d%s: the"
          + " weights are not finite after a step with a finite loss", state.step,
          Double.isNaN(learningRate) ? "" : String.format(Locale.ROOT, " (lr %.4g)", learningRate))));
    }
    try {
      state.checkpoint = checkpoints.save(state.step, state.seen, state.wallSeconds(), vr::save);
      state.checkpointNanos = System.nanoTime();
      LOG.info("{}: checkpoint {} written", variant.name(), state.checkpoint.prefix());
    } catch (CheckpointException e) {
      if (last) {
        throw e;
      }
      LOG.warn("{}: {}; training goes on", variant.name(), e.getMessage());
    }
    return Optional.empty();
  }

  private static Ending diverged(VariantSpec variant, State state, String message) {
    LOG.warn("{}: {}; stopping this variant{}", variant.name(), message, state.checkpoint == null ? ""
        : " (its last good checkpoint is " + state.checkpoint.prefix() + ")");
    return new Ending(VariantStatus.DIVERGED, message);
  }

  private Ending interrupted(VariantSpec variant, VariantRun vr, CheckpointManager checkpoints, State state) {
    String written;
    try {
      Optional<Ending> bad = checkpoint(variant, vr, checkpoints, state, true, Double.NaN);
      if (bad.isPresent()) {
        return bad.get();
      }
      written = "checkpoint at iteration " + state.step + " written";
    } catch (CheckpointException e) {
      written = e.getMessage();
    }
    String message = "stopped by a signal at iteration " + state.step + "; " + written
        + "; run the study again to resume";
    LOG.warn("{}: {}", variant.name(), message);
    return new Ending(VariantStatus.INTERRUPTED, message);
  }

  /**
   * Evaluates at the current step unless {@code metrics.jsonl} already holds that evaluation (a resumed variant
   * whose earlier process evaluated these same weights before it stopped): then its metrics are reused, so that
   * every evaluation is recorded once.
   */
  private void evaluateOnce(VariantSpec variant, VariantRun vr, TrainingTask task, RunDirectory run,
      MetricsLog metrics, TensorBoardWriter board, State state) {
    Optional<Map<String, Double>> recorded = metrics.evaluationAt(state.step);
    if (recorded.isPresent()) {
      state.metrics = recorded.get();
      LOG.info("{}: evaluation at iteration {} already recorded: {}", variant.name(), state.step,
          MetricColumns.summary(state.metrics));
      return;
    }
    evaluate(variant, vr, task, run, metrics, board, state);
  }

  private void evaluate(VariantSpec variant, VariantRun vr, TrainingTask task, RunDirectory run,
      MetricsLog metrics, TensorBoardWriter board, State state) {
    long start = System.nanoTime();
    state.metrics = task.evaluate(new EvalContext(vr.session(), vr.model(), variant, state.step, run));
    metrics.evaluation(new EvalRecord(state.step, state.metrics));
    state.metrics.forEach((name, value) -> board.scalar(state.step, "eval/" + name, value));
    board.flush();
    LOG.info("{}: evaluation at iteration {} on {}: {} ({})", variant.name(), state.step,
        VariantLabels.count(task.evalSize(), "image"),
        MetricColumns.summary(state.metrics), VariantLabels.duration((System.nanoTime() - start) / 1e9));
  }

  /** The checkpoint prefix the backbone starts from, if not from scratch. */
  private static Optional<Path> checkpointToRestore(VariantSpec variant, RunDirectory run) {
    return variant.init().weights().accept(new WeightsSpec.Visitor<>() {
      @Override
      public Optional<Path> msraFill(MsraFill spec) {
        return Optional.empty();
      }

      @Override
      public Optional<Path> fromVariant(FromVariant spec) {
        // The checkpoint the source variant completed with, as its summary records it.
        String checkpoint = run.readSummary(spec.variant()).map(VariantSummary::checkpoint).orElseThrow(() ->
            new IllegalStateException(variant.name() + ": init.weights: variant '" + spec.variant()
                + "' has no final checkpoint in " + run.root()));
        return Optional.of(run.root().resolve(checkpoint));
      }

      @Override
      public Optional<Path> fromCheckpoint(FromCheckpoint spec) {
        return Optional.of(Path.of(spec.path()));
      }
    });
  }

  private static void requireCheckpoint(VariantSpec variant, Path prefix) {
    Path index = prefix.resolveSibling(prefix.getFileName() + ".index");
    if (!Files.isRegularFile(index)) {
      throw new IllegalStateException(variant.name() + ": init.weights: no checkpoint at " + prefix + " ("
          + index + " is missing)");
    }
  }

  private VariantSummary summary(VariantSpec variant, VariantStatus status, String message, State state,
      long started, RunDirectory run, Budget inherited) {
    boolean withoutFinal = status == VariantStatus.COMPLETED && state.finalCheckpointMissing;
    String checkpoint = state.checkpoint == null || withoutFinal ? null
        : run.root().relativize(state.checkpoint.prefix()).toString();
    return new VariantSummary(variant.name(), status, message, state.step, variant.schedule().iterations(),
        state.wallSeconds(), state.seen.images(), state.parameters, state.lastLoss, state.metrics,
        checkpoint, state.seen, inherited.plus(state.seen), state.warnings);
  }

  private VariantSummary failed(VariantSpec variant, State state, long started, String message, Exception e,
      RunDirectory run, Budget inherited, VariantProvenance provenance) {
    LOG.error("{}: failed at iteration {}: {}", variant.name(), state.step, message, e);
    if (provenance != null) {
      try {
        provenance.ended(state.step, VariantStatus.FAILED.label()).write(run.provenance(variant.name()));
      } catch (RuntimeException ignored) {
        // the failure being reported may be this very file system
      }
    }
    return summary(variant, VariantStatus.FAILED, message, state, started, run, inherited);
  }
}
