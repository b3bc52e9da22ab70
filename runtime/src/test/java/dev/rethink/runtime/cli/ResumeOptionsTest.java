package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.AbstractModule;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.report.EvalRecord;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.RunScopedOptions;
import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.provenance.Provenance;
import dev.rethink.runtime.testing.InProcessRun;
import dev.rethink.runtime.testing.TinyResumeStudy;
import dev.rethink.runtime.train.control.GracefulStop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run options given when a run starts belong to the run: {@code rethink run} is stopped after iteration 25 of
 * {@code pretrain} (the stop requested as the trainer takes that iteration's batch) and run again without them.
 */
class ResumeOptionsTest {
  @TempDir
  Path tmp;

  private record Outcome(int code, String text) {}

  private Outcome rethink(GracefulStop stop, long stopAtBatch, String... args) {
    StudySpec spec = new TinyResumeStudy().define(Profile.QUICK);
    DataSource watched = InProcessRun.watchingTrainingBatches(InProcessRun.realData(spec, tmp.resolve("cache")),
        batch -> {
          if (batch == stopAtBatch) {
            stop.request();
          }
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Rethink.run(args, print, print, new Environment(Map.of(), tmp.resolve("home"), false),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(DataSource.class).toInstance(watched);
            bind(GracefulStop.class).toInstance(stop);
          }
        });
    return new Outcome(code, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aResumeKeepsTheRunsCheckpointLoggingAndSeedOptionsAndAnExplicitOneOverridesThem() throws IOException {
    Path out = tmp.resolve("run");
    String cache = tmp.resolve("cache").toString();
    Outcome first = rethink(GracefulStop.manual(), 24, "run", "TinyResume", "--variant", "pretrain", "--out",
        out.toString(), "--cache", cache, "--checkpoint-every", "10", "--checkpoint-minutes", "0", "--keep", "2",
        "--log-every", "5", "--seed", "7", "--devices", "cpu:2", "--accumulate", "2");
    assertEquals(ExitCodes.INTERRUPTED, first.code(), first.text());
    RunDirectory run = new RunDirectory(out);
    RunScopedOptions given = new RunScopedOptions(10, 0, 2, 5, 7L, "cpu:2", 2);
    assertEquals(given, run.readOptions().orElseThrow());
    // Checkpoints at 10 and 20, and at 25 where it stopped; --keep 2.
    assertEquals(List.of("checkpoint.json", "step-00000020", "step-00000025"), entries(run.checkpoints("pretrain")));

    // The study named again without --checkpoint-every, --checkpoint-minutes, --log-every, --seed, --devices or
    // --accumulate (2 towers × 2 passes of 2 images: the run's, kept); without --seed (the seed is
    // 3 in the study, so without the run's 7 the spec would differ); --keep 3 given again overrides the run's 2.
    Outcome second = rethink(GracefulStop.manual(), -1, "run", "TinyResume", "--variant", "pretrain", "--out",
        out.toString(), "--cache", cache, "--keep", "3");
    assertEquals(0, second.code(), second.text());
    assertEquals(VariantStatus.COMPLETED, run.readSummary("pretrain").orElseThrow().status());
    // Every 10 iterations again (30, 40, 50, then the final 60), the last 3 kept.
    assertEquals(List.of("checkpoint.json", "step-00000040", "step-00000050", "step-00000060"),
        entries(run.checkpoints("pretrain")));
    // A training line every 5 iterations in both segments; evaluations at 30 and 60.
    assertEquals(LongStream.rangeClosed(1, 12).map(i -> 5 * i).boxed().toList(),
        run.readMetrics("pretrain").training().stream().map(TrainingRecord::step).toList());
    assertEquals(List.of(30L, 60L), run.readMetrics("pretrain").evaluations().stream().map(EvalRecord::step)
        .toList());
    assertEquals(7L, run.readStudy().variants().get(0).seed());
    // The run's options are unchanged; each process's provenance has the values it ran with.
    assertEquals(given, run.readOptions().orElseThrow());
    assertEquals(List.of(given, new RunScopedOptions(10, 0, 3, 5, 7L, "cpu:2", 2)), Provenance.read(run.provenance())
        .processes().stream().map(Provenance.ProcessRecord::options).toList());
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
