package dev.rethink.runtime.train;

import dev.rethink.dsl.init.FromCheckpoint;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.init.MsraFill;
import dev.rethink.dsl.init.WeightsSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.model.ModelCompiler;
import dev.rethink.runtime.report.EvalRecord;
import dev.rethink.runtime.report.MetricsLog;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantLabels;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

/**
 * Trains and evaluates one variant into its directory of the run: graph, session, initializer, backbone restore,
 * the SGD loop over its task's feeds, periodic and final evaluation, final checkpoint. The loop is the same for
 * every task; what a batch feeds and how the model is evaluated is the {@link TrainingTask}'s.
 */
final class VariantTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(VariantTrainer.class);

  private final ModelCompiler compiler;
  private final RunOptions options;
  private final Set<TrainingListener> listeners;
  private ConfigProto sessionConfig;

  @Inject
  VariantTrainer(ModelCompiler compiler, RunOptions options, Set<TrainingListener> listeners) {
    this.compiler = compiler;
    this.options = options;
    this.listeners = listeners;
  }

  /**
   * The session configuration of {@link RunOptions#device()}, checked once.
   *
   * @throws IllegalStateException if the device is not available
   */
  ConfigProto sessionConfig() {
    if (sessionConfig == null) {
      sessionConfig = SessionConfigs.forDevice(options.device());
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
  }

  /** Trains {@code variant}; errors become a {@link VariantStatus#FAILED} summary, never an exception. */
  VariantSummary train(VariantSpec variant, TrainingTask task, RunDirectory run) {
    long started = System.nanoTime();
    State state = new State();
    try {
      ConfigProto config = sessionConfig();
      long building = System.nanoTime();
      try (VariantRun vr = VariantRun.open(compiler, variant, config)) {
        state.parameters = vr.model().trainableParameterCount();
        vr.initialize();
        LOG.info("{}: graph built and initialized in {} ({} trainable parameters)", variant.name(),
            VariantLabels.duration((System.nanoTime() - building) / 1e9), String.format(Locale.ROOT, "%,d",
                state.parameters));
        checkpointToRestore(variant, run).ifPresent(prefix -> {
          requireCheckpoint(variant, prefix);
          vr.restoreBackbone(prefix);
          LOG.info("{}: backbone restored from {}", variant.name(), prefix);
        });
        state.step = vr.globalStep();
        state.firstStep = state.step;
        listeners.forEach(l -> l.variantStarted(variant, vr.session(), vr.model()));
        String divergence = loop(variant, vr, task, run, state);
        VariantSummary summary = divergence != null
            ? summary(variant, VariantStatus.DIVERGED, divergence, state, started, null)
            : completed(variant, vr, run, state, started);
        listeners.forEach(l -> l.variantFinished(variant, vr.session(), vr.model(), summary));
        return summary;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(variant, state, started, "interrupted while waiting for a batch", e);
    } catch (RuntimeException e) {
      return failed(variant, state, started, e.toString(), e);
    }
  }

  /**
   * The SGD loop from the graph's global step to the end of the schedule.
   *
   * @return why the loss stopped being finite, or null when the schedule completed
   */
  private String loop(VariantSpec variant, VariantRun vr, TrainingTask task, RunDirectory run, State state)
      throws InterruptedException {
    int batch = variant.schedule().imagesPerBatch();
    int iterations = variant.schedule().iterations();
    int period = variant.eval().period();
    try (MetricsLog metrics = MetricsLog.create(run.metrics(variant.name()));
        // The stream starts at the global step, so a resumed run sees the batches it would have seen.
        FeedStream train = task.train(vr.model(), variant.seed(), batch, state.step);
        Progress progress = Progress.create(options.progressBar(), variant.name(), iterations)) {
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
          progress.logged(record, eta);
          state.lastLoss = record.loss();
        }
        if (divergence != null) {
          progress.clear();
          String message = String.format(Locale.ROOT, "diverged at iteration %d (lr %.4g): %s", state.step,
              result.learningRate(), divergence);
          LOG.warn("{}: {}; stopping this variant", variant.name(), message);
          return message;
        }
        if (period > 0 && state.step % period == 0 && state.step < iterations) {
          long evalStart = System.nanoTime();
          progress.clear();
          evaluate(variant, vr, task, run, metrics, state);
          long evalEnd = System.nanoTime();
          evalSeconds += (evalEnd - evalStart) / 1e9;
          window.restartClock(evalEnd, state.step, train.waitSeconds());
        }
      }
      progress.clear();
      evaluate(variant, vr, task, run, metrics, state);
    }
    return null;
  }

  private void evaluate(VariantSpec variant, VariantRun vr, TrainingTask task, RunDirectory run,
      MetricsLog metrics, State state) {
    long start = System.nanoTime();
    state.metrics = task.evaluate(new EvalContext(vr.session(), vr.model(), variant, state.step,
        run.variant(variant.name())));
    metrics.evaluation(new EvalRecord(state.step, state.metrics));
    LOG.info("{}: evaluation at iteration {} on {} images: {} ({})", variant.name(), state.step, task.evalSize(),
        state.metrics, VariantLabels.duration((System.nanoTime() - start) / 1e9));
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
        return Optional.of(run.finalCheckpoint(spec.variant()));
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
      long started, String checkpoint) {
    long done = state.step - state.firstStep;
    return new VariantSummary(variant.name(), status, message, state.step, variant.schedule().iterations(),
        (System.nanoTime() - started) / 1e9, done * variant.schedule().imagesPerBatch(), state.parameters,
        state.lastLoss, state.metrics, checkpoint);
  }

  private VariantSummary completed(VariantSpec variant, VariantRun vr, RunDirectory run, State state,
      long started) {
    Path prefix = run.finalCheckpoint(variant.name());
    vr.save(prefix);
    return summary(variant, VariantStatus.COMPLETED, null, state, started, run.root().relativize(prefix).toString());
  }

  private VariantSummary failed(VariantSpec variant, State state, long started, String message, Exception e) {
    LOG.error("{}: failed at iteration {}: {}", variant.name(), state.step, message, e);
    return summary(variant, VariantStatus.FAILED, message, state, started, null);
  }
}
