package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.VariantStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile a study declares ({@code Study.profiles()}, a scale of its own built with the withers) is chosen with
 * {@code --profile}, runs end to end, and its schedules are described as the "Nx" the study wrote.
 */
class UserProfileTest {
  @TempDir
  Path tmp;

  /** A study with its own "tiny-mini" profile: 1x = 15 iterations at batch 8, and a 2x of it. */
  private static final String STUDY = """
      import dev.rethink.dsl.backbone.ResNetSpec;
      import dev.rethink.dsl.data.*;
      import dev.rethink.dsl.schedule.*;
      import dev.rethink.dsl.study.*;
      import java.util.ArrayList;
      import java.util.List;

      public final class MiniScale implements Study {
        static final Scale MINI = Scale.QUICK
            .withOneX(Scale.QUICK.oneX().withIterations(15).withImagesPerBatch(8).withWarmup(new WarmupSpec(3, 0.5)))
            .withNetwork(Scale.QUICK.network().withWidthMultiplier(0.125).withGroupNormGroups(4))
            .withClassification(Scale.QUICK.classification()
                .withInput(new ClassificationInput(32, false, true))
                .withPretrainingData(new SyntheticClassification(SyntheticClassification.Task.SOURCE, 4, 8, 4, 32, 5L)));

        public String description() { return "a study at a scale of its own"; }

        public List<Profile> profiles() {
          List<Profile> all = new ArrayList<>(Study.super.profiles());
          all.add(Profile.named("tiny-mini", MINI));
          return all;
        }

        public StudySpec define(Profile p) {
          Scale s = p.scale();
          VariantSpec gn = VariantSpec.classifier("gn", s, ResNetSpec.of(18).withWidthMultiplier(s.widthMultiplier())
              .withNorm(s.groupNorm())).withSchedule(s.nx(2));
          return StudySpec.of(this, p, gn);
        }
      }
      """;

  private int rethink(ByteArrayOutputStream out, String... args) {
    Environment env = new Environment(Map.of(), tmp.resolve("home"), false);
    return Rethink.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, env);
  }

  @Test
  void aUserDefinedProfileRunsAndReportsTheStudysOwnMultiple() throws IOException {
    Path source = Files.writeString(tmp.resolve("MiniScale.java"), STUDY);
    ByteArrayOutputStream described = new ByteArrayOutputStream();
    assertEquals(0, rethink(described, "describe", source.toString(), "--profile", "tiny-mini"));
    String text = described.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("(tiny-mini profile)"), text);
    assertTrue(text.contains("30 it (2x), batch 8"), text);

    Path out = tmp.resolve("run");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int code = rethink(stdout, "run", source.toString(), "--profile", "tiny-mini", "--out", out.toString(),
        "--cache", tmp.resolve("cache").toString(), "--log-every", "10");
    assertEquals(0, code, stdout.toString(StandardCharsets.UTF_8));
    RunDirectory run = new RunDirectory(out);
    assertEquals("tiny-mini", run.readStudy().profile());
    assertEquals(30, run.readStudy().variants().get(0).schedule().iterations());
    assertEquals(VariantStatus.COMPLETED, run.readSummary("gn").orElseThrow().status());
  }

  @Test
  void anUnknownProfileIsAUsageErrorListingTheStudysProfiles() throws IOException {
    Path source = Files.writeString(tmp.resolve("MiniScale.java"), STUDY);
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Environment env = new Environment(Map.of(), tmp.resolve("home"), false);
    int code = Rethink.run(new String[] {"describe", source.toString(), "--profile", "mini-coco"},
        new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
        env);
    assertEquals(ExitCodes.USAGE, code);
    String err = stderr.toString(StandardCharsets.UTF_8);
    assertTrue(err.contains("unknown profile 'mini-coco'") && err.contains("quick, paper, tiny-mini"), err);
  }
}
