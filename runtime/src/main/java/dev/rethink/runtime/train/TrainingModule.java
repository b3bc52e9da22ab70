package dev.rethink.runtime.train;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.rethink.runtime.train.checkpoint.CheckpointFiles;
import dev.rethink.runtime.train.control.GracefulStop;

/**
 * Binds the {@link StudyRunner} and the {@link RunOptions} of this run. Needs a
 * {@link dev.rethink.runtime.data.DataSource} (the data modules), a {@link dev.rethink.runtime.model.ModelCompiler}
 * ({@link dev.rethink.runtime.model.ModelModule}), a {@link ClassificationEvaluator}
 * ({@link ClassificationEvaluatorModule}) and a {@link DetectionEvaluator} ({@link DetectionEvaluatorModule}).
 * Other modules may add {@link TrainingListener}s; the checkpoints' {@link CheckpointFiles} are the local file
 * system's (a test overrides them to put a full disk under the trainer).
 */
public final class TrainingModule extends AbstractModule {
  private final RunOptions options;
  private final GracefulStop stop;

  /** Stops only when asked through {@link GracefulStop#request()} on the bound instance. */
  public TrainingModule(RunOptions options) {
    this(options, GracefulStop.manual());
  }

  /** Stops when {@code stop} is requested (e.g. {@link GracefulStop#onSignals}). */
  public TrainingModule(RunOptions options, GracefulStop stop) {
    this.options = options;
    this.stop = stop;
  }

  @Override
  protected void configure() {
    bind(RunOptions.class).toInstance(options);
    bind(GracefulStop.class).toInstance(stop);
    bind(StudyRunner.class).to(TrainingStudyRunner.class);
    bind(CheckpointFiles.class).toInstance(CheckpointFiles.system());
    Multibinder.newSetBinder(binder(), TrainingListener.class);
  }
}
