package dev.rethink.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.cli.Rethink;
import dev.rethink.runtime.report.MetricsLog;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.report.provenance.Provenance;
import dev.rethink.runtime.report.provenance.VariantProvenance;
import dev.rethink.runtime.testing.ChildJvm;
import dev.rethink.runtime.testing.RunLockHolder;
import dev.rethink.runtime.testing.TinyResumeStudy;
import dev.rethink.runtime.train.checkpoint.Checkpoint;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import dev.rethink.runtime.train.tensorboard.EventFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Real training processes stopped from outside: a {@code rethink run} child JVM is SIGKILLed (or sent SIGTERM)
 * mid-run, the run is resumed, and its per-step losses (logged every step) must equal those of an uninterrupted
 * run of the same study, bit for bit, as must the final weights (the checkpoint's CRC32C). On CPU every kernel of
 * this model (Conv2D, GroupNorm's moments, MaxPool, softmax CE and their gradients) gave identical results run to
 * run, so no tolerance is needed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillAndResumeTest {
  /** The pre-training checkpoints every 10 iterations; a child is stopped once it logged this iteration. */
  private static final int STOP_AFTER = 25;

  private Path tmp;
  private Path reference;

  private List<String> args(Path out) {
    return List.of("run", "TinyResume", "--out", out.toString(), "--cache", tmp.resolve("cache").toString(),
        "--log-every", "1", "--checkpoint-every", "10", "--checkpoint-minutes", "0", "--keep", "2");
  }

  private record Outcome(int code, String out, String err) {}

  private static Outcome rethink(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Rethink.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @BeforeAll
  void uninterruptedRun(@TempDir Path dir) {
    tmp = dir;
    reference = tmp.resolve("reference");
    Outcome o = rethink(args(reference));
    assertEquals(0, o.code(), o.out() + o.err());
  }

  /** Starts the study in a child JVM and waits until the pre-training logged iteration {@link #STOP_AFTER}. */
  private ChildJvm startAndWait(Path out) throws Exception {
    ChildJvm child = ChildJvm.start(tmp, Rethink.class, args(out).toArray(String[]::new));
    child.awaitLine("pretrain step " + STOP_AFTER + "/", 180);
    return child;
  }

  @Test
  void aSigkilledRunResumesToTheSameLossesAndWeights() throws Exception {
    Path killed = tmp.resolve("killed");
    try (ChildJvm child = startAndWait(killed)) {
      child.process().destroyForcibly();
      child.awaitExit(60);
    }
    RunDirectory run = new RunDirectory(killed);
    assertTrue(run.readSummary("pretrain").isEmpty(), "the child finished the pre-training before the kill");
    Checkpoint before = CheckpointManager.open(run.checkpoints("pretrain"), 2).latest().orElseThrow();
    assertTrue(before.step() >= 20 && before.step() % 10 == 0, before.toString());

    // What a crash in the middle of the next checkpoint write leaves: a half-written temporary directory, and a
    // published directory that checkpoint.json does not name yet. The resume must ignore both.
    Path dir = run.checkpoints("pretrain");
    Files.createDirectories(dir.resolve(".tmp-step-00000050"));
    Files.writeString(dir.resolve(".tmp-step-00000050").resolve("variables.index"), "half");
    Files.createDirectories(dir.resolve("step-00000040"));
    Files.writeString(dir.resolve("step-00000040").resolve("variables.data-00000-of-00001"), "garbage");

    Outcome resumed = rethink(args(killed));
    assertEquals(0, resumed.code(), resumed.out() + resumed.err());
    assertSameTraining(run);

    // The pre-training's second segment starts at the checkpoint it resumed from.
    VariantProvenance p = VariantProvenance.read(run.provenance("pretrain"));
    assertEquals(2, p.segments().size());
    assertEquals(before.step(), p.segments().get(1).fromStep());
    // The killed process recorded no end; the resume recorded it as killed, with what survived of its work: up
    // to its last checkpoint, written when that checkpoint says.
    VariantProvenance.Segment killedSegment = p.segments().get(0);
    assertEquals("killed", killedSegment.outcome());
    assertEquals(0, killedSegment.fromStep());
    assertEquals(Long.valueOf(before.step()), killedSegment.toStep());
    assertEquals(before.written().toString(), killedSegment.ended());
    assertEquals(Long.valueOf(TinyResumeStudy.PRETRAIN_ITERATIONS), p.segments().get(1).toStep());
    Provenance study = Provenance.read(run.provenance());
    assertEquals(List.of("killed", "completed"), study.processes().stream()
        .map(Provenance.ProcessRecord::outcome).toList());
  }

  /**
   * Where the stop lands depends on the machine's load: at iteration 30 (an evaluation iteration) the evaluation
   * is left to the resumed process, which {@link StopAtAnEvaluationStepTest} checks deterministically.
   */
  @Test
  void aSigtermWritesACheckpointExitsCleanlyAndResumes() throws Exception {
    Path stopped = tmp.resolve("sigterm");
    int code;
    try (ChildJvm child = startAndWait(stopped)) {
      child.signal("TERM");
      code = child.awaitExit(120);
      assertTrue(child.output().contains("pretrain: stopped by a signal at iteration"), child.output());
    }
    // 128 + SIGTERM (15): the JVM's status after its shutdown hooks ran.
    assertEquals(143, code);
    RunDirectory run = new RunDirectory(stopped);
    VariantSummary pretrain = run.readSummary("pretrain").orElseThrow();
    assertEquals(VariantStatus.INTERRUPTED, pretrain.status());
    assertTrue(pretrain.iterations() >= STOP_AFTER, pretrain.toString());
    // The checkpoint is of the very iteration it stopped at: nothing is lost.
    Checkpoint last = CheckpointManager.open(run.checkpoints("pretrain"), 2).latest().orElseThrow();
    assertEquals(pretrain.iterations(), last.step());
    assertEquals(run.root().relativize(last.prefix()).toString(), pretrain.checkpoint());
    assertEquals("interrupted", Provenance.read(run.provenance()).processes().get(0).outcome());
    assertTrue(Files.readString(run.report()).contains("interrupted at " + pretrain.iterations() + "/60"));

    Outcome resumed = rethink(args(stopped));
    assertEquals(0, resumed.code(), resumed.out() + resumed.err());
    assertSameTraining(run);
    // The wall time counts the first segment too.
    assertTrue(run.readSummary("pretrain").orElseThrow().wallSeconds() > pretrain.wallSeconds());
  }

  /** Every variant's per-step losses, final metrics, budget and final weights equal the uninterrupted run's. */
  private void assertSameTraining(RunDirectory run) throws IOException {
    RunDirectory ref = new RunDirectory(reference);
    for (String v : List.of("pretrain", "finetune", "scratch")) {
      List<TrainingRecord> expected = ref.readMetrics(v).training();
      List<TrainingRecord> actual = run.readMetrics(v).training();
      assertEquals(steps(expected), steps(actual), v);
      for (int i = 0; i < expected.size(); i++) {
        // Bit-for-bit: the loss and every term of every step.
        assertEquals(expected.get(i).loss(), actual.get(i).loss(), 0.0, v + " step " + expected.get(i).step());
        assertEquals(expected.get(i).terms(), actual.get(i).terms(), v + " step " + expected.get(i).step());
        assertEquals(expected.get(i).learningRate(), actual.get(i).learningRate(), 0.0);
      }
      MetricsLog.Contents refMetrics = ref.readMetrics(v);
      assertEquals(refMetrics.evaluations(), run.readMetrics(v).evaluations(), v);
      VariantSummary a = ref.readSummary(v).orElseThrow();
      VariantSummary b = run.readSummary(v).orElseThrow();
      assertEquals(VariantStatus.COMPLETED, b.status(), b.toString());
      assertEquals(a.metrics(), b.metrics(), v);
      assertEquals(a.budget(), b.budget(), v);
      assertEquals(a.totalBudget(), b.totalBudget(), v);
      assertEquals(finalWeightsCrc(ref, v), finalWeightsCrc(run, v), v + ": final weights differ");
    }
  }

  private static List<Long> steps(List<TrainingRecord> records) {
    List<Long> steps = new ArrayList<>();
    records.forEach(r -> steps.add(r.step()));
    return steps;
  }

  /** The CRC32C of the final checkpoint's data file, from checkpoint.json. */
  private static String finalWeightsCrc(RunDirectory run, String variant) throws IOException {
    String pointer = Files.readString(run.checkpoints(variant).resolve(CheckpointManager.POINTER));
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(pointer);
    var checkpoints = tree.get("checkpoints");
    var last = checkpoints.get(checkpoints.size() - 1);
    for (var f : last.get("files")) {
      if (f.get("name").asText().startsWith("variables.data")) {
        return last.get("step").asText() + ":" + f.get("crc32c").asText();
      }
    }
    throw new AssertionError("no data file in " + pointer);
  }

  @Test
  void tensorBoardHasTheGraphAndTheFiguresOfMetricsJsonl() throws IOException {
    RunDirectory run = new RunDirectory(reference);
    List<Event> events = EventFiles.read(run.tensorBoard("pretrain"));
    assertTrue(events.stream().anyMatch(Event::hasGraphDef), "no graph");
    Map<String, Map<Long, Float>> byTag = new HashMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        byTag.computeIfAbsent(v.getTag(), t -> new TreeMap<>()).put(e.getStep(), v.getSimpleValue());
      }
    }
    MetricsLog.Contents metrics = run.readMetrics("pretrain");
    Map<Long, Float> loss = new TreeMap<>();
    Map<Long, Float> cls = new TreeMap<>();
    Map<Long, Float> lr = new TreeMap<>();
    for (TrainingRecord r : metrics.training()) {
      loss.put(r.step(), (float) r.loss());
      cls.put(r.step(), r.terms().get("cls").floatValue());
      lr.put(r.step(), (float) r.learningRate());
    }
    assertEquals(loss, byTag.get("loss"));
    assertEquals(cls, byTag.get("loss/cls"));
    assertEquals(lr, byTag.get("lr"));
    assertEquals(TinyResumeStudy.PRETRAIN_ITERATIONS, byTag.get("images_per_sec").size());
    Map<Long, Float> top1 = new TreeMap<>();
    metrics.evaluations().forEach(e -> top1.put(e.step(), e.metrics().get("top1").floatValue()));
    assertEquals(List.of(30L, 60L), List.copyOf(top1.keySet()));
    assertEquals(top1, byTag.get("eval/top1"));
  }

  @Test
  void aSecondProcessOnTheSameRunDirectoryIsRefused() throws Exception {
    Path locked = tmp.resolve("locked");
    try (ChildJvm holder = ChildJvm.start(tmp, RunLockHolder.class, locked.toString())) {
      holder.awaitLine("locked by", 60);
      Outcome o = rethink(args(locked));
      assertEquals(1, o.code(), o.out() + o.err());
      assertTrue(o.err().contains("run directory " + locked + " is in use by process " + holder.pid() + " on "),
          o.err());
    }
  }

  @Test
  void anotherSpecCannotResumeTheRunAndTheErrorNamesTheField() {
    List<String> withSeed = new ArrayList<>(args(reference));
    withSeed.addAll(List.of("--seed", "5"));
    Outcome o = rethink(withSeed);
    assertEquals(1, o.code(), o.out() + o.err());
    assertTrue(o.err().contains("cannot be resumed with this one: variants[pretrain].seed: 3 in the run directory,"
        + " 5 now"), o.err());
  }

  @Test
  void resumingACompletedRunTrainsNothingAgain() throws IOException {
    RunDirectory run = new RunDirectory(reference);
    List<String> before = new ArrayList<>();
    for (String v : List.of("pretrain", "finetune", "scratch")) {
      before.add(Files.readString(run.summary(v)) + Files.readString(run.metrics(v)));
    }
    Outcome o = rethink(args(reference));
    assertEquals(0, o.code(), o.out() + o.err());
    List<String> after = new ArrayList<>();
    for (String v : List.of("pretrain", "finetune", "scratch")) {
      after.add(Files.readString(run.summary(v)) + Files.readString(run.metrics(v)));
    }
    assertEquals(before, after);
    assertEquals("completed", Provenance.read(run.provenance()).processes().get(1).outcome());
  }
}
