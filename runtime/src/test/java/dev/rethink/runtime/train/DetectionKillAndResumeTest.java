package dev.rethink.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.cli.Rethink;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.testing.ChildJvm;
import dev.rethink.runtime.testing.TinyDetectionStudy;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same for a detector (tiny Mask R-CNN from scratch, whose RPN and RoI sampling draw from seeds [variant
 * seed, global step]): SIGKILLed after a checkpoint, resumed, every step's loss terms equal the uninterrupted
 * run's bit for bit. This needs TensorFlow's op determinism ({@code TF_DETERMINISTIC_OPS=1}, set by the build and
 * by {@code ./rethink}); without it two uninterrupted runs of this graph already differ by ~1e-7 relative from the
 * second step on (measured: loss terms within 3.5e-7 relative over 10 steps).
 */
class DetectionKillAndResumeTest {
  @TempDir
  Path tmp;

  private List<String> args(Path out) {
    return List.of("run", "TinyDetection", "--variant", "scratch", "--out", out.toString(), "--cache",
        tmp.resolve("cache").toString(), "--log-every", "1", "--checkpoint-every", "3", "--checkpoint-minutes", "0");
  }

  private static int rethink(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return Rethink.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void aKilledDetectorResumesToTheSameLosses() throws Exception {
    assertEquals("1", System.getenv("TF_DETERMINISTIC_OPS"), "run the tests with TF_DETERMINISTIC_OPS=1 (pom.xml)");
    Path reference = tmp.resolve("reference");
    assertEquals(0, rethink(args(reference)));
    Path killed = tmp.resolve("killed");
    try (ChildJvm child = ChildJvm.start(tmp, Rethink.class, args(killed).toArray(String[]::new))) {
      child.awaitLine("scratch step 5/", 180);
      child.process().destroyForcibly();
      child.awaitExit(60);
    }
    RunDirectory run = new RunDirectory(killed);
    assertTrue(run.readSummary("scratch").isEmpty(), "the child finished before the kill");
    assertTrue(CheckpointManager.open(run.checkpoints("scratch"), 3).latest().orElseThrow().step() >= 3);
    assertEquals(0, rethink(args(killed)));

    List<TrainingRecord> expected = new RunDirectory(reference).readMetrics("scratch").training();
    List<TrainingRecord> actual = run.readMetrics("scratch").training();
    assertEquals(TinyDetectionStudy.ITERATIONS, expected.size());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).step(), actual.get(i).step());
      assertEquals(expected.get(i).loss(), actual.get(i).loss(), 0.0, "step " + expected.get(i).step());
      assertEquals(expected.get(i).terms(), actual.get(i).terms(), "step " + expected.get(i).step());
    }
    assertEquals(VariantStatus.COMPLETED, run.readSummary("scratch").orElseThrow().status());
    assertEquals(new RunDirectory(reference).readSummary("scratch").orElseThrow().metrics(),
        run.readSummary("scratch").orElseThrow().metrics());
    // Detection budgets count the ground-truth instances: more than one per image in these scenes.
    var budget = run.readSummary("scratch").orElseThrow().budget();
    assertEquals((long) TinyDetectionStudy.ITERATIONS * TinyDetectionStudy.BATCH, budget.images());
    assertTrue(budget.instances() > budget.images(), budget.toString());
    assertEquals(new RunDirectory(reference).readSummary("scratch").orElseThrow().budget(), budget);
  }
}
