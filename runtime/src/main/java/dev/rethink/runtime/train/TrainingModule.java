package dev.rethink.runtime.train;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * Binds the {@link StudyRunner} and the {@link RunOptions} of this run. Needs a
 * {@link dev.rethink.runtime.data.DataSource} (the data modules), a {@link dev.rethink.runtime.model.ModelCompiler}
 * ({@link dev.rethink.runtime.model.ModelModule}), a {@link ClassificationEvaluator}
 * ({@link ClassificationEvaluatorModule}) and a {@link DetectionEvaluator} ({@link DetectionEvaluatorModule}).
 * Other modules may add {@link TrainingListener}s.
 */
public final class TrainingModule extends AbstractModule {
  private final RunOptions options;

  public TrainingModule(RunOptions options) {
    this.options = options;
  }

  @Override
  protected void configure() {
    bind(RunOptions.class).toInstance(options);
    bind(StudyRunner.class).to(TrainingStudyRunner.class);
    Multibinder.newSetBinder(binder(), TrainingListener.class);
  }
}
