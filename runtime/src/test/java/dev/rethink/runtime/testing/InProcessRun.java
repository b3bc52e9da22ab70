package dev.rethink.runtime.testing;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.DataModules;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.ImageBatch;
import dev.rethink.runtime.model.ModelModule;
import dev.rethink.runtime.eval.ClassificationEvaluatorModule;
import dev.rethink.runtime.eval.DetectionEvaluatorModule;
import dev.rethink.runtime.train.RunOptions;
import dev.rethink.runtime.train.StudyOutcome;
import dev.rethink.runtime.train.StudyRunner;
import dev.rethink.runtime.train.TrainingModule;
import dev.rethink.runtime.train.control.GracefulStop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A study run in this JVM through the same modules as {@code rethink run}, with test doubles bound over them
 * ({@code overrides}), so that a test reaches a fault through the real trainer.
 */
public final class InProcessRun {
  private InProcessRun() {}

  /** Runs {@code spec} with the real modules, {@code overrides} replacing their bindings. */
  public static StudyOutcome run(StudySpec spec, RunOptions options, GracefulStop stop, Path cache,
      Module... overrides) {
    List<Module> modules = new ArrayList<>(DataModules.forStudy(spec, cache.resolve("data"), cache));
    modules.add(new ModelModule());
    modules.add(new ClassificationEvaluatorModule());
    modules.add(new DetectionEvaluatorModule());
    modules.add(new TrainingModule(options, stop));
    return Guice.createInjector(Modules.override(modules).with(overrides)).getInstance(StudyRunner.class)
        .run(spec);
  }

  /** The real data source of {@code spec}'s datasets. */
  public static DataSource realData(StudySpec spec, Path cache) {
    return Guice.createInjector(DataModules.forStudy(spec, cache.resolve("data"), cache))
        .getInstance(DataSource.class);
  }

  /**
   * The real classification data, with {@code onBatch} told the global index of every training batch as the
   * trainer takes it (batch {@code i} feeds iteration {@code i + 1}).
   */
  public static DataSource watchingTrainingBatches(DataSource real, LongConsumer onBatch) {
    return new DataSource() {
      @Override
      public ClassificationData classification(DatasetSpec dataset, ClassificationInput input) {
        ClassificationData data = real.classification(dataset, input);
        return new ClassificationData() {
          @Override
          public List<String> classNames() {
            return data.classNames();
          }

          @Override
          public int trainSize() {
            return data.trainSize();
          }

          @Override
          public int evalSize() {
            return data.evalSize();
          }

          @Override
          public BatchStream<ImageBatch> train(long seed, int batchSize, long startBatch) {
            BatchStream<ImageBatch> stream = data.train(seed, batchSize, startBatch);
            return new BatchStream<>() {
              long index = startBatch;

              @Override
              public ImageBatch next() throws InterruptedException {
                ImageBatch b = stream.next();
                onBatch.accept(index++);
                return b;
              }

              @Override
              public double waitSeconds() {
                return stream.waitSeconds();
              }

              @Override
              public void close() {
                stream.close();
              }
            };
          }

          @Override
          public BatchStream<ImageBatch> eval(int batchSize) {
            return data.eval(batchSize);
          }
        };
      }

      @Override
      public DetectionData detection(DatasetSpec dataset, DetectionInput input) {
        return real.detection(dataset, input);
      }
    };
  }
}
