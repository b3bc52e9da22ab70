package dev.rethink.runtime.train;

import dev.rethink.runtime.device.Device;
import dev.rethink.runtime.eval.ClassificationEvaluatorModule;
import dev.rethink.runtime.eval.DetectionEvaluatorModule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.DataModules;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.ImageBatch;
import dev.rethink.runtime.model.ModelModule;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.testing.TinyResumeStudy;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NaN injection: the source task's batch at global index 12 carries NaN pixels, so iteration 13 of
 * {@code pretrain} computes a NaN loss in the graph. The variant stops there, is reported diverged with the step,
 * the LR and the loss term, keeps its last good checkpoint (iteration 10), never writes a later one; the
 * fine-tuning from it is skipped and the independent {@code scratch} variant still runs.
 */
class DivergenceGuardTest {
  private static final long POISONED_BATCH = 12;

  @TempDir
  Path tmp;

  /** Decorates the real data source: NaN pixels in one training batch of the source task. */
  static final class PoisonedSource implements DataSource {
    private final DataSource real;

    PoisonedSource(DataSource real) {
      this.real = real;
    }

    @Override
    public ClassificationData classification(DatasetSpec dataset, ClassificationInput input) {
      ClassificationData data = real.classification(dataset, input);
      boolean source = dataset instanceof SyntheticClassification s
          && s.task() == SyntheticClassification.Task.SOURCE;
      return source ? poisoned(data) : data;
    }

    @Override
    public DetectionData detection(DatasetSpec dataset, DetectionInput input) {
      return real.detection(dataset, input);
    }

    private static ClassificationData poisoned(ClassificationData data) {
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
          return new BatchStream<ImageBatch>() {
            long index = startBatch;

            @Override
            public ImageBatch next() throws InterruptedException {
              ImageBatch b = stream.next();
              if (index++ != POISONED_BATCH) {
                return b;
              }
              float[] nan = new float[b.pixels().length];
              Arrays.fill(nan, Float.NaN);
              return new ImageBatch(b.size(), b.height(), b.width(), nan, b.labels());
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
  }

  private StudyOutcome run(StudySpec spec, Path out) {
    RunOptions options = new RunOptions(out, Device.CPU, 1, false, 5, 0, 2, List.of());
    List<Module> data = DataModules.forStudy(spec, tmp.resolve("data"), tmp.resolve("cache"));
    DataSource real = Guice.createInjector(data).getInstance(DataSource.class);
    List<Module> modules = new ArrayList<>();
    modules.add(Modules.override(data).with(new AbstractModule() {
      @Override
      protected void configure() {
        bind(DataSource.class).toInstance(new PoisonedSource(real));
      }
    }));
    modules.add(new ModelModule());
    modules.add(new ClassificationEvaluatorModule());
    modules.add(new DetectionEvaluatorModule());
    modules.add(new TrainingModule(options));
    return Guice.createInjector(modules).getInstance(StudyRunner.class).run(spec);
  }

  @Test
  void aNanLossStopsTheVariantKeepsItsLastGoodCheckpointAndTheStudyGoesOn() throws Exception {
    StudySpec spec = new TinyResumeStudy().define(Profile.QUICK);
    Path out = tmp.resolve("run");
    StudyOutcome outcome = run(spec, out);
    RunDirectory run = outcome.run();

    VariantSummary pretrain = run.readSummary("pretrain").orElseThrow();
    assertEquals(VariantStatus.DIVERGED, pretrain.status());
    // Iteration 13 fed batch 12; after the 5-iteration warm-up the LR is the base LR.
    assertEquals("diverged at iteration 13 (lr 0.05000): loss term 'cls' is NaN", pretrain.message());
    assertEquals(13, pretrain.iterations());
    assertEquals("variants/pretrain/checkpoint/step-00000010/variables", pretrain.checkpoint());
    // The last good checkpoint is intact and is the latest: nothing after the divergence was saved.
    assertEquals(10, CheckpointManager.open(run.checkpoints("pretrain"), 2).latest().orElseThrow().step());
    try (Stream<Path> dirs = Files.list(run.checkpoints("pretrain"))) {
      assertEquals(List.of("checkpoint.json", "step-00000005", "step-00000010"),
          dirs.map(p -> p.getFileName().toString()).sorted().toList());
    }
    List<TrainingRecord> lines = run.readMetrics("pretrain").training();
    assertEquals(13, lines.get(lines.size() - 1).step());
    assertTrue(Double.isNaN(lines.get(lines.size() - 1).loss()));
    assertTrue(Double.isFinite(lines.get(lines.size() - 2).loss()));
    // What it saw up to the divergence: 13 batches of 8 images at 32².
    assertEquals(13L * 8 * 32 * 32, pretrain.budget().pixels());

    VariantSummary finetune = run.readSummary("finetune").orElseThrow();
    assertEquals(VariantStatus.SKIPPED, finetune.status());
    assertEquals("its weights come from 'pretrain', which diverged", finetune.message());

    VariantSummary scratch = run.readSummary("scratch").orElseThrow();
    assertEquals(VariantStatus.COMPLETED, scratch.status());
    assertEquals(TinyResumeStudy.TARGET_ITERATIONS, scratch.iterations());

    String md = Files.readString(run.report());
    assertTrue(md.contains("| diverged at 13/60 |"), md);
    assertTrue(md.contains("- `pretrain` diverged: " + pretrain.message()), md);

    // Running the study again keeps the divergence (a result, not an error) and trains nothing.
    StudyOutcome again = run(spec, out);
    assertEquals(List.of(VariantStatus.DIVERGED, VariantStatus.SKIPPED, VariantStatus.COMPLETED),
        again.variants().stream().map(VariantSummary::status).toList());
    assertEquals(pretrain, run.readSummary("pretrain").orElseThrow());
    assertEquals(scratch, run.readSummary("scratch").orElseThrow());
  }
}
