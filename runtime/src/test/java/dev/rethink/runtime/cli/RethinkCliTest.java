package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.study.StudyCatalog;
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

/** Parsing, usage and error paths of the command line; none of these builds a graph. */
class RethinkCliTest {
  @TempDir
  Path tmp;

  /** What a command printed and returned. */
  record Outcome(int code, String out, String err) {}

  private Outcome rethink(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Environment env = new Environment(Map.of(), tmp.resolve("home"), false);
    int code = Rethink.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void noArgumentsIsAUsageErrorListingTheCommands() {
    Outcome o = rethink();
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("usage: rethink <command>"), o.err());
    for (String command : new String[] {"list", "describe", "run", "eval", "bench", "report"}) {
      assertTrue(o.err().contains("\n  " + command + " "), command + " missing from " + o.err());
    }
  }

  @Test
  void envNamesTheProcessorAndTheKernelPath() {
    Outcome o = rethink("env");
    assertEquals(0, o.code(), o.err());
    for (String row : new String[] {"TensorFlow:", "CPU:", "instruction sets:", "oneDNN kernels:",
        "deterministic ops:"}) {
      assertTrue(o.out().contains(row), row + " missing from " + o.out());
    }
    assertTrue(o.out().contains("oneDNN kernels:    on"), o.out());
  }

  @Test
  void topLevelHelpGoesToStdoutAndSucceeds() {
    for (String flag : new String[] {"--help", "-h", "help"}) {
      Outcome o = rethink(flag);
      assertEquals(0, o.code(), flag);
      assertTrue(o.out().startsWith("usage: rethink <command>"), o.out());
      assertEquals("", o.err());
    }
  }

  @Test
  void eachCommandHasHelp() {
    for (String command : new String[] {"list", "describe", "run", "report", "env"}) {
      Outcome o = rethink(command, "--help");
      assertEquals(0, o.code(), command);
      assertTrue(o.out().startsWith("usage: rethink " + command), o.out());
      assertTrue(o.out().contains("--help"), o.out());
    }
    Outcome run = rethink("help", "run");
    assertEquals(0, run.code());
    for (String option : new String[] {"--profile", "--variant", "--out", "--device", "--seed", "--data-root",
        "--cache"}) {
      assertTrue(run.out().contains(option), option + " missing from " + run.out());
    }
  }

  @Test
  void unknownCommandIsAUsageError() {
    Outcome o = rethink("train", "x");
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("rethink: unknown command 'train'"), o.err());
  }

  @Test
  void listShowsTheRegisteredStudiesWithDescriptions() {
    Outcome o = rethink("list");
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.out().lines().toList();
    // The test studies (src/test/resources/META-INF/services) next to the bundled ones, sorted by name.
    assertTrue(lines.stream().anyMatch(l -> l.matches("TinyNorms +Test study: GN vs BN from scratch\\.")), o.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("TinyTransfer +Test study: pre-train on a synthetic source"
        + " task, fine-tune on a synthetic target task\\.")), o.out());
    List<String> names = lines.stream().map(l -> l.split(" ")[0]).toList();
    assertEquals(StudyCatalog.load().names(), names);
  }

  @Test
  void unknownStudyListsTheKnownOnes() {
    String known = String.join(", ", StudyCatalog.load().names());
    assertTrue(known.contains("TinyNorms, TinyResume, TinyTransfer"), known);
    for (String command : new String[] {"describe", "run"}) {
      Outcome o = rethink(command, "NoSuchStudy");
      assertEquals(2, o.code(), command);
      assertTrue(o.err().contains("unknown study 'NoSuchStudy'; known studies: " + known + " (or give the path"),
          o.err());
    }
  }

  @Test
  void studyNamesMatchIgnoringCase() {
    Outcome o = rethink("describe", "tinynorms", "--json");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("\"name\" : \"TinyNorms\""), o.out());
  }

  @Test
  void badProfileIsAUsageErrorListingTheProfiles() {
    Outcome o = rethink("describe", "TinyNorms", "--profile", "fast");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("unknown profile 'fast'; known: quick, paper"), o.err());
    assertTrue(o.err().contains("see: rethink describe --help"), o.err());
  }

  @Test
  void unknownOptionAndMissingArgumentAreUsageErrors() {
    Outcome unknown = rethink("run", "TinyNorms", "--epochs", "3");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("--epochs"), unknown.err());
    Outcome missing = rethink("run");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("missing study name or .java file"), missing.err());
    Outcome noValue = rethink("run", "TinyNorms", "--seed");
    assertEquals(2, noValue.code());
    assertTrue(noValue.err().contains("seed"), noValue.err());
  }

  @Test
  void badOptionValuesAreUsageErrors() {
    Outcome seed = rethink("run", "TinyNorms", "--seed", "abc", "--out", tmp.resolve("a").toString());
    assertEquals(2, seed.code());
    assertTrue(seed.err().contains("abc"), seed.err());
    Outcome device = rethink("run", "TinyNorms", "--device", "tpu", "--out", tmp.resolve("b").toString());
    assertEquals(2, device.code());
    assertTrue(device.err().contains("unknown device 'tpu'; known: cpu, gpu"), device.err());
    Outcome logEvery = rethink("run", "TinyNorms", "--log-every", "0", "--out", tmp.resolve("c").toString());
    assertEquals(2, logEvery.code());
    assertTrue(logEvery.err().contains("--log-every must be >= 1, was 0"), logEvery.err());
  }

  @Test
  void unknownVariantIsASpecErrorNamingTheKnownVariants() {
    Outcome o = rethink("run", "TinyNorms", "--variant", "ln", "--out", tmp.resolve("r").toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("spec error: variant: no variant 'ln' in study TinyNorms; known: [gn, bn]"),
        o.err());
  }

  @Test
  void runRefusesANonEmptyOutputDirectoryThatIsNoRun() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    Outcome o = rethink("run", "TinyNorms", "--out", out.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("is not empty and is not a run directory (no study.json)"), o.err());
  }

  @Test
  void specErrorsInAStudyNameTheField() throws IOException {
    Path source = tmp.resolve("FrozenScratch.java");
    Files.writeString(source, """
        import dev.rethink.dsl.backbone.ResNetSpec;
        import dev.rethink.dsl.norm.FrozenBatchNorm;
        import dev.rethink.dsl.study.*;

        public final class FrozenScratch implements Study {
          public String description() { return "frozen BN from scratch"; }
          public StudySpec define(Profile p) {
            return StudySpec.of(this, p, VariantSpec.classifier("frozen", p.scale(),
                ResNetSpec.of(18).withNorm(new FrozenBatchNorm())));
          }
        }
        """);
    Outcome o = rethink("describe", source.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("spec error: variants[frozen].model.backbone.norm: FrozenBatchNorm with init"
        + " MsraFill"), o.err());
  }

  @Test
  void describeJsonPrintsTheStudySpec() {
    Outcome o = rethink("describe", "TinyTransfer", "--json");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("\"schemaVersion\" : 1"), o.out());
    assertTrue(o.out().contains("\"type\" : \"FromVariant\""), o.out());
  }

  @Test
  void benchWithoutANameListsAndFailsWithUsage() {
    Outcome o = rethink("bench");
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("usage: rethink bench <name>"), o.err());
    Outcome unknown = rethink("bench", "warp-drive");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown benchmark or study 'warp-drive'; benchmarks: [graph, loader, coco-eval]"),
        unknown.err());
  }

  @Test
  void reportNeedsARunDirectory() {
    Outcome o = rethink("report", tmp.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("is not a run directory (no study.json)"), o.err());
  }

  @Test
  void environmentGivesTheDefaultDirectories() {
    Environment env = new Environment(Map.of(), Path.of("/home/u"), false);
    assertEquals(Path.of("/home/u/datasets"), env.dataRoot());
    assertEquals(Path.of("/home/u/.cache/rethink"), env.cache());
    Environment set = new Environment(Map.of("RETHINK_DATA", "/data", "RETHINK_CACHE", "/c"), Path.of("/home/u"),
        false);
    assertEquals(Path.of("/data"), set.dataRoot());
    assertEquals(Path.of("/c"), set.cache());
  }
}
