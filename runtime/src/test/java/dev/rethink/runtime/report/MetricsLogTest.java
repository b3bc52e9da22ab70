package dev.rethink.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metrics.jsonl line format, written and read. */
class MetricsLogTest {
  @TempDir
  Path tmp;

  private static Map<String, Double> terms(double cls, double wd) {
    Map<String, Double> t = new LinkedHashMap<>();
    t.put("cls", cls);
    t.put("weight_decay", wd);
    return t;
  }

  @Test
  void writesOneJsonObjectPerLine() throws IOException {
    Path file = tmp.resolve("v/metrics.jsonl");
    try (MetricsLog log = MetricsLog.create(file)) {
      log.training(new TrainingRecord(20, 2.5, terms(2.25, 0.25), 0.05, 100, 0.125, 3.5));
      Map<String, Double> eval = new LinkedHashMap<>();
      eval.put("top1", 50.0);
      eval.put("top5", 100.0);
      log.evaluation(new EvalRecord(20, eval));
    }
    assertEquals(List.of(
        "{\"step\":20,\"loss\":2.5,\"loss_cls\":2.25,\"loss_weight_decay\":0.25,\"lr\":0.05,"
            + "\"images_per_sec\":100.0,\"data_wait\":0.125,\"time\":3.5}",
        "{\"step\":20,\"eval\":{\"top1\":50.0,\"top5\":100.0}}"), Files.readAllLines(file));
  }

  @Test
  void readsBackBothKindsOfLines() {
    Path file = tmp.resolve("metrics.jsonl");
    try (MetricsLog log = MetricsLog.create(file)) {
      log.training(new TrainingRecord(20, 2.5, terms(2.25, 0.25), 0.05, 100, 0.125, 3.5));
      log.training(new TrainingRecord(37, Double.NaN, terms(Double.NaN, 0.25), 0.04, 90, 0.5, 7));
      log.evaluation(new EvalRecord(40, Map.of("top1", 12.5)));
    }
    MetricsLog.Contents c = MetricsLog.read(file);
    assertEquals(new TrainingRecord(20, 2.5, terms(2.25, 0.25), 0.05, 100, 0.125, 3.5), c.training().get(0));
    assertTrue(Double.isNaN(c.training().get(1).loss()));
    assertTrue(Double.isNaN(c.training().get(1).terms().get("cls")));
    assertEquals(List.of(new EvalRecord(40, Map.of("top1", 12.5))), c.evaluations());
  }

  @Test
  void nonFiniteValuesAreWrittenAsStrings() throws IOException {
    Path file = tmp.resolve("metrics.jsonl");
    try (MetricsLog log = MetricsLog.create(file)) {
      log.training(new TrainingRecord(1, Double.POSITIVE_INFINITY, Map.of(), 0.1, 1, 0, 0));
    }
    assertTrue(Files.readString(file).startsWith("{\"step\":1,\"loss\":\"Infinity\",\"lr\":0.1"),
        Files.readString(file));
  }

  @Test
  void malformedLinesAreNamedByFileAndLine() throws IOException {
    Path file = tmp.resolve("metrics.jsonl");
    String complete = "{\"step\":1,\"loss\":2.0,\"lr\":0.1,\"images_per_sec\":1,\"data_wait\":0,\"time\":1}";
    Files.writeString(file, complete + "\n{oops\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsLog.read(file));
    assertTrue(e.getMessage().startsWith(file + ":2: malformed JSON"), e.getMessage());
    Files.writeString(file, "{\"step\":1,\"what\":2.0}\n");
    e = assertThrows(IllegalArgumentException.class, () -> MetricsLog.read(file));
    assertTrue(e.getMessage().startsWith(file + ":1: neither a training line"), e.getMessage());
    Files.writeString(file, complete + "\n{\"step\":2,\"loss\":2.0}\n");
    e = assertThrows(IllegalArgumentException.class, () -> MetricsLog.read(file));
    assertEquals(file + ":2: \"lr\" is missing", e.getMessage());
  }

  @Test
  void resumingDropsTheLinesAfterTheCheckpointAndAKillTruncatedLastLine() throws IOException {
    Path file = tmp.resolve("resume.jsonl");
    // Written by a process killed mid-line after iteration 30; its checkpoint is at 20.
    Files.writeString(file, String.join("\n",
        "{\"step\":10,\"loss\":2.0,\"lr\":0.1,\"images_per_sec\":1,\"data_wait\":0,\"time\":1}",
        "{\"step\":20,\"eval\":{\"top1\":50.0}}",
        "{\"step\":30,\"loss\":1.0,\"lr\":0.1,\"images_per_sec\":1,\"data_wait\":0,\"time\":3}",
        "{\"step\":40,\"lo"));
    try (MetricsLog log = MetricsLog.resume(file, 20)) {
      // The evaluation of the checkpoint's own step is kept, and known, so that it is not run twice.
      assertEquals(Optional.of(Map.of("top1", 50.0)), log.evaluationAt(20));
      assertEquals(Optional.empty(), log.evaluationAt(10));
      log.training(new TrainingRecord(21, 1.5, Map.of(), 0.1, 1, 0, 2));
    }
    MetricsLog.Contents c = MetricsLog.read(file);
    assertEquals(List.of(10L, 21L), c.training().stream().map(TrainingRecord::step).toList());
    assertEquals(List.of(20L), c.evaluations().stream().map(EvalRecord::step).toList());
  }

  @Test
  void aFullDiskStopsTheLogWithOneWarningInsteadOfFailingTheVariant() {
    // Linux's /dev/full fails every write with ENOSPC, as a full file system does.
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
    try (MetricsLog log = MetricsLog.create(full)) {
      log.training(new TrainingRecord(10, 2.0, Map.of(), 0.1, 1, 0, 1));
      log.evaluation(new EvalRecord(10, Map.of("top1", 50.0)));
      assertEquals(Optional.of("/dev/full: the line of step 10 and those after it were not written (No space left on"
          + " device)"), log.failure());
    }
  }

  @Test
  void aLastLineCutShortIsLeftOutButAMalformedCompleteLineIsAnError() throws IOException {
    Path file = tmp.resolve("cut.jsonl");
    String complete = "{\"step\":1,\"loss\":2.0,\"lr\":0.1,\"images_per_sec\":1,\"data_wait\":0,\"time\":1}";
    Files.writeString(file, complete + "\n{\"step\":2,\"lo");
    assertEquals(List.of(1L), MetricsLog.read(file).training().stream().map(TrainingRecord::step).toList());
    Files.writeString(file, complete + "\n{\"step\":2,\"lo\n");
    assertThrows(IllegalArgumentException.class, () -> MetricsLog.read(file));
  }

  @Test
  void aMissingFileReadsAsEmpty() {
    MetricsLog.Contents c = MetricsLog.read(tmp.resolve("none.jsonl"));
    assertTrue(c.training().isEmpty() && c.evaluations().isEmpty());
  }
}
