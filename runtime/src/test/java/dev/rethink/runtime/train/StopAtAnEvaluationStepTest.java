package dev.rethink.runtime.train;

import dev.rethink.runtime.device.Device;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.AbstractModule;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.report.EvalRecord;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.testing.InProcessRun;
import dev.rethink.runtime.testing.TinyResumeStudy;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import dev.rethink.runtime.train.control.GracefulStop;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The race behind a flaky {@code KillAndResumeTest}: a SIGTERM whose stop request is seen right after iteration
 * 30 of {@code pretrain}, an iteration with a periodic evaluation. The stop is requested here while the trainer
 * takes the batch of iteration 30 (global batch 29), so that the timing is the same on every machine.
 */
class StopAtAnEvaluationStepTest {
  /** {@code pretrain} evaluates every 30 iterations (and at its end, 60). */
  private static final long EVAL_STEP = 30;

  @TempDir
  Path tmp;

  private StudyOutcome run(StudySpec spec, Path out, GracefulStop stop, long stopAtBatch) {
    RunOptions options = new RunOptions(out, Device.CPU, 10, false, 10, 0, 2, List.of());
    DataSource real = InProcessRun.realData(spec, tmp.resolve("cache"));
    DataSource watched = InProcessRun.watchingTrainingBatches(real, batch -> {
      if (batch == stopAtBatch) {
        stop.request();
      }
    });
    return InProcessRun.run(spec, options, stop, tmp.resolve("cache"), new AbstractModule() {
      @Override
      protected void configure() {
        bind(DataSource.class).toInstance(watched);
      }
    });
  }

  @Test
  void aStopAtAnEvaluationIterationLosesNoEvaluation() {
    StudySpec spec = new TinyResumeStudy().define(Profile.QUICK).select(List.of("pretrain"));
    StudyOutcome reference = run(spec, tmp.resolve("reference"), GracefulStop.manual(), -1);
    assertEquals(VariantStatus.COMPLETED, reference.variants().get(0).status());
    List<EvalRecord> expected = reference.run().readMetrics("pretrain").evaluations();
    assertEquals(List.of(30L, 60L), expected.stream().map(EvalRecord::step).toList());

    Path out = tmp.resolve("stopped");
    StudyOutcome stopped = run(spec, out, GracefulStop.manual(), EVAL_STEP - 1);
    VariantSummary first = stopped.variants().get(0);
    assertEquals(VariantStatus.INTERRUPTED, first.status(), first.toString());
    assertEquals(EVAL_STEP, first.iterations());
    RunDirectory run = new RunDirectory(out);
    assertEquals(EVAL_STEP, CheckpointManager.open(run.checkpoints("pretrain"), 2).latest().orElseThrow().step());

    StudyOutcome resumed = run(spec, out, GracefulStop.manual(), -1);
    assertEquals(VariantStatus.COMPLETED, resumed.variants().get(0).status());
    // The evaluation at 30 is run by the resumed process, on the restored weights of iteration 30: the same
    // numbers as the uninterrupted run's, once each.
    assertEquals(expected, run.readMetrics("pretrain").evaluations());
    assertEquals(reference.variants().get(0).metrics(), resumed.variants().get(0).metrics());
  }
}
