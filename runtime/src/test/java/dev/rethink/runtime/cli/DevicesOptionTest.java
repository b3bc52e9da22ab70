package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --devices} and {@code --accumulate} refused before anything runs, exit 2: a malformed value (the message
 * names the option and the value), a global batch that does not divide (the variant and both numbers), a GPU
 * TensorFlow does not see (with why). And {@code rethink env} lists the devices.
 */
class DevicesOptionTest {
  @TempDir
  Path tmp;

  private record Outcome(int code, String out, String err) {}

  private Outcome rethink(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Rethink.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new Environment(Map.of(), tmp.resolve("home"), false));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMalformedDevicesValueIsAUsageError() {
    Outcome o = rethink("run", "TinyTransfer", "--out", tmp.resolve("run").toString(), "--devices", "gpu:3-1");
    assertEquals(ExitCodes.USAGE, o.code(), o.err());
    assertTrue(o.err().contains("--devices gpu:3-1: the range 3-1 is empty"), o.err());
    assertFalse(Files.exists(tmp.resolve("run").resolve("study.json")));
  }

  @Test
  void aBatchThatDoesNotDivideIntoTowersTimesAccumulateIsAUsageErrorNamingBothNumbers() {
    Outcome o = rethink("run", "TinyTransfer", "--out", tmp.resolve("run").toString(), "--devices", "cpu:3");
    assertEquals(ExitCodes.USAGE, o.code(), o.err());
    assertTrue(o.err().contains("variants[pretrain].schedule.imagesPerBatch: the global batch of 8 images does not"
        + " divide into 3 slices (3 towers × accumulate 1)"), o.err());
    Outcome acc = rethink("run", "TinyTransfer", "--out", tmp.resolve("run").toString(), "--devices", "cpu:2",
        "--accumulate", "8");
    assertEquals(ExitCodes.USAGE, acc.code(), acc.err());
    assertTrue(acc.err().contains("8 images does not divide into 16 slices (2 towers × accumulate 8)"), acc.err());
  }

  @Test
  void aGpuTensorFlowDoesNotSeeIsAUsageErrorSayingWhy() {
    Outcome o = rethink("run", "TinyTransfer", "--out", tmp.resolve("run").toString(), "--devices", "gpu:0-1");
    assertEquals(ExitCodes.USAGE, o.code(), o.err());
    assertTrue(o.err().contains("--devices gpu:0,1: TensorFlow sees no GPU, not /device:GPU:0, /device:GPU:1"),
        o.err());
    assertTrue(o.err().contains("-Pgpu") || o.err().contains("CUDA"), o.err());
  }

  @Test
  void envListsTheDevicesTensorFlowSees() {
    Outcome o = rethink("env");
    assertEquals(ExitCodes.OK, o.code(), o.err());
    assertTrue(o.out().contains("device:") && o.out().contains("/device:CPU:0 (CPU"), o.out());
    assertTrue(o.out().contains("GPU:") || o.out().contains("(GPU"), o.out());
  }
}
