package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.report.MetricsLog;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.report.provenance.Platform;
import dev.rethink.runtime.testing.ChildJvm;
import dev.rethink.runtime.testing.RunLockHolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rethink run} through the command line's own module wiring, on tiny studies. */
class RunCommandTest {
  @TempDir
  Path tmp;

  private int rethink(ByteArrayOutputStream out, String... args) {
    Environment env = new Environment(Map.of(), tmp.resolve("home"), false);
    return Rethink.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, env);
  }

  @Test
  void runsTheSelectedVariantIntoTheRunDirectory() {
    Path out = tmp.resolve("run");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    int code;
    // The console log (slf4j-simple) writes to whatever System.err is when it logs.
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      code = rethink(stdout, "run", "TinyTransfer", "--variant", "pretrain", "--seed", "11", "--out",
          out.toString(), "--cache", tmp.resolve("cache").toString(), "--log-every", "10");
    } finally {
      System.setErr(stderr);
    }
    String text = stdout.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("study TinyTransfer (quick profile): 1 variant into " + out), logged);
    assertTrue(logged.contains("variant pretrain: completed after 20 iterations in "), logged);
    assertTrue(text.contains("report: " + out.resolve("report.md")), text);
    RunDirectory run = new RunDirectory(out);
    // --variant keeps pretrain only (it has no source); --seed replaces the study's seed 3.
    assertEquals(List.of("pretrain"), run.readStudy().variants().stream().map(VariantSpec::name).toList());
    assertEquals(11L, run.readStudy().variants().get(0).seed());
    assertEquals(VariantStatus.COMPLETED, run.readSummary("pretrain").orElseThrow().status());
    assertEquals(2, run.readMetrics("pretrain").training().size());
  }

  @Test
  void aSecondRunOnALockedDirectoryIsRefusedBeforeItTouchesTheData() throws Exception {
    Path out = tmp.resolve("run");
    Path cache = tmp.resolve("cache");
    try (ChildJvm holder = ChildJvm.start(tmp, RunLockHolder.class, out.toString())) {
      holder.awaitLine("locked by", 60);
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Environment env = new Environment(Map.of(), tmp.resolve("home"), false);
      int code = Rethink.run(new String[] {"run", "TinyTransfer", "--out", out.toString(), "--cache",
          cache.toString()}, new PrintStream(stdout, true, StandardCharsets.UTF_8),
          new PrintStream(stderr, true, StandardCharsets.UTF_8), env);
      String err = stderr.toString(StandardCharsets.UTF_8);
      assertEquals(1, code, err);
      assertTrue(err.startsWith("rethink run: error: run directory " + out + " is in use by process "
          + holder.pid() + " on " + Platform.hostName() + " (since "), err);
      assertEquals(1, err.lines().count(), "an expected refusal, without the stack-trace hint: " + err);
      // Refused before the synthetic data set was generated: the cache was never created.
      assertFalse(Files.exists(cache), "the data was touched before the lock was checked");
      holder.process().destroyForcibly();
      holder.awaitExit(30);
    }
  }

  @Test
  void aDivergingVariantStopsAndItsDependentsAreSkipped() throws IOException {
    Path source = Files.writeString(tmp.resolve("Exploding.java"), """
        import dev.rethink.dsl.backbone.ResNetSpec;
        import dev.rethink.dsl.data.*;
        import dev.rethink.dsl.init.InitSpec;
        import dev.rethink.dsl.norm.GroupNorm;
        import dev.rethink.dsl.schedule.*;
        import dev.rethink.dsl.study.*;
        import java.util.List;

        public final class Exploding implements Study {
          public String description() { return "an LR no network survives"; }
          public StudySpec define(Profile p) {
            VariantSpec boom = VariantSpec.classifier("boom", p.scale(),
                    ResNetSpec.of(18).withWidthMultiplier(0.125).withNorm(new GroupNorm(4)))
                .withData(new SyntheticClassification(SyntheticClassification.Task.SOURCE, 4, 8, 4, 32, 5L))
                .withInput(new ClassificationInput(32, false, false))
                .withSchedule(new ScheduleSpec(8, 30, 1e9, WarmupSpec.none(), List.of(), 0.1));
            return StudySpec.of(this, p, boom, boom.withName("after").withInit(InitSpec.from("boom")));
          }
        }
        """);
    Path out = tmp.resolve("run");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int code = rethink(stdout, "run", source.toString(), "--out", out.toString(), "--cache",
        tmp.resolve("cache").toString());
    String text = stdout.toString(StandardCharsets.UTF_8);
    // A divergence is a result, not a failure.
    assertEquals(0, code, text);
    RunDirectory run = new RunDirectory(out);
    VariantSummary boom = run.readSummary("boom").orElseThrow();
    assertEquals(VariantStatus.DIVERGED, boom.status());
    assertTrue(boom.message().matches("diverged at iteration \\d+ \\(lr 1\\.000e\\+09\\): loss.*"), boom.message());
    assertTrue(boom.iterations() < 30, boom.toString());
    assertEquals(null, boom.checkpoint());
    MetricsLog.Contents metrics = run.readMetrics("boom");
    // The diverging iteration gets its own line.
    assertEquals(boom.iterations(), metrics.training().get(metrics.training().size() - 1).step());
    VariantSummary after = run.readSummary("after").orElseThrow();
    assertEquals(VariantStatus.SKIPPED, after.status());
    assertEquals("its weights come from 'boom', which diverged", after.message());
    String md = Files.readString(run.report());
    assertTrue(md.contains("| — | — | skipped |"), md);
    assertTrue(md.contains("- `boom` diverged: " + boom.message()), md);
  }
}
