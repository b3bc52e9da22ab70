package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rethink.runtime.testing.ChildJvm;
import dev.rethink.runtime.testing.OneSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stderr filter of {@code ./rethink}: TensorFlow's absl start-up lines, which ignore TF_CPP_MIN_LOG_LEVEL, are
 * left out; everything else passes, partial lines included. Checked against what a real session prints, so that a
 * TensorFlow upgrade that changes those lines shows here.
 */
class LauncherStderrFilterTest {
  private static final Path LAUNCHER = Path.of("..", "rethink");

  @TempDir
  Path tmp;

  /** The perl program between {@code absl_filter='} and the closing quote in ./rethink. */
  private static String filterProgram() throws IOException {
    String script = Files.readString(LAUNCHER);
    int start = script.indexOf("absl_filter='") + "absl_filter='".length();
    return script.substring(start, script.indexOf("\n'\n", start));
  }

  private static String filter(String input) throws Exception {
    Process perl = new ProcessBuilder("perl", "-e", filterProgram()).redirectErrorStream(true).start();
    try (OutputStream in = perl.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out;
    try (InputStream o = perl.getInputStream()) {
      out = new String(o.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(perl.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, perl.exitValue(), out);
    return out;
  }

  private static boolean perlAvailable() {
    try {
      return new ProcessBuilder("perl", "-e", "1").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void aSessionsStartUpLinesAreLeftOutAndNothingElse() throws Exception {
    assumeTrue(perlAvailable(), "./rethink filters only where perl exists");
    String printed;
    try (ChildJvm child = ChildJvm.start(tmp, OneSession.class)) {
      assertEquals(0, child.awaitExit(120), child.output());
      printed = child.output() + "\n";
    }
    // What the filter is for: TensorFlow prints these at level 1 (ChildJvm sets TF_CPP_MIN_LOG_LEVEL=1).
    assertTrue(printed.contains("All log messages before absl::InitializeLog() is called"), printed);
    assertTrue(printed.contains("MLIR V1 optimization pass is not enabled"), printed);
    String filtered = filter(printed);
    assertTrue(filtered.contains("session ran\n"), filtered);
    assertFalse(filtered.contains("absl::InitializeLog") || filtered.contains("MLIR V1"), filtered);
    // Anything else TensorFlow says at level 1 (a warning on some hosts) is not the filter's to drop.
    assertEquals(printed.lines().filter(l -> !l.contains("absl::InitializeLog") && !l.contains("MLIR V1")).toList(),
        filtered.lines().toList());
  }

  @Test
  void warningsErrorsAndPartialLinesPass() throws Exception {
    assumeTrue(perlAvailable(), "./rethink filters only where perl exists");
    String kept = "17:13:24 INFO study X (quick profile): 1 variant into runs/x\n"
        + "W0000 00:00:1796231647.149774    7676 some_pass.cc:12] an absl warning\n"
        + "2026-12-02 17:14:04.354583: E tensorflow/core/x.cc:1] an error\n"
        + "Infinity is not a log line\n"
        + "\r\033[Kpretrain [====      ] 40/100 loss 1.2";
    assertEquals(kept, filter("I0000 00:00:1796231647.149774    7676 mlir_graph_optimization_pass.cc:401] MLIR V1"
        + " optimization pass is not enabled\n" + kept));
    assertFalse(filter("I0000 00:00:1.5 1 a.cc:2] info\n").contains("info"));
  }
}
