package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.testing.ChildJvm;
import dev.rethink.runtime.testing.TinyResumeStudy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the disk is full at a variant's final checkpoint: a whole {@code rethink run} process
 * (its log included) prints one warning naming the directory and the bytes needed, the final metrics, no stack
 * trace, and exits 0 (the variant completed).
 */
class FullDiskCliTest {
  @TempDir
  Path tmp;

  @Test
  void aFullDiskAtTheFinalCheckpointIsOneWarningWithTheFinalMetricsAndNoStackTrace() throws Exception {
    Path out = tmp.resolve("run");
    int code;
    String output;
    try (ChildJvm child = ChildJvm.start(tmp, FullDiskRethink.class, Long.toString(
            TinyResumeStudy.PRETRAIN_ITERATIONS), "run", "TinyResume", "--variant", "pretrain", "--out",
        out.toString(), "--cache", tmp.resolve("cache").toString(), "--checkpoint-every", "10",
        "--checkpoint-minutes", "0", "--keep", "2")) {
      code = child.awaitExit(300);
      output = child.output();
    }
    assertEquals(0, code, output);
    String checkpoints = new RunDirectory(out).checkpoints("pretrain").toString();
    List<String> warnings = output.lines().filter(l -> l.startsWith("rethink run: warning:")).toList();
    assertEquals(1, warnings.size(), output);
    assertTrue(warnings.get(0).startsWith("rethink run: warning: pretrain: the final checkpoint (iteration 60) was"
        + " not written: " + checkpoints + ": No space left on device: a checkpoint needs about "), warnings.get(0));
    assertTrue(warnings.get(0).contains(" bytes (the size of step-00000050), 4,096 are free;"), warnings.get(0));
    // The table shows the final evaluation's metrics beside 60/60, not "failed".
    assertTrue(output.lines().anyMatch(l -> l.matches("pretrain +completed +60/60 +.* top1 [0-9.]+, top5 [0-9.]+")),
        output);
    assertFalse(output.contains("Exception"), output);
    assertFalse(output.lines().anyMatch(l -> l.startsWith("\tat ")), output);
  }
}
