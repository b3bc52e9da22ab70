package dev.rethink.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.util.Modules;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.runtime.study.StudyCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, usage and error paths of the command line; none of these builds a graph. */
class RethinkCliTest {
  @TempDir
  Path tmp;

  /** What a command printed and returned. */
  record Outcome(int code, String out, String err) {}

  private Outcome rethink(String... args) {
    return rethinkWith(Map.of(), args);
  }

  private Outcome rethinkWith(Map<String, String> variables, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Environment env = new Environment(variables, tmp.resolve("home"), false);
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
    assertEquals("rethink run: --seed must be an integer (64-bit, e.g. --seed 42), was 'abc'\n"
        + "see: rethink run --help\n", seed.err());
    Outcome device = rethink("run", "TinyNorms", "--device", "tpu", "--out", tmp.resolve("b").toString());
    assertEquals(2, device.code());
    assertTrue(device.err().contains("unknown device 'tpu'; known: cpu, gpu"), device.err());
    Outcome logEvery = rethink("run", "TinyNorms", "--log-every", "0", "--out", tmp.resolve("c").toString());
    assertEquals(2, logEvery.code());
    assertTrue(logEvery.err().contains("--log-every must be >= 1, was 0"), logEvery.err());
  }

  @Test
  void everyNumericOptionNamesItselfTheValueAndTheRule() {
    for (String option : new String[] {"--log-every", "--checkpoint-every", "--checkpoint-minutes", "--keep",
        "--accumulate"}) {
      Outcome o = rethink("run", "TinyNorms", option, "1e3", "--out", tmp.resolve("n").toString());
      assertEquals(2, o.code(), option);
      assertTrue(o.err().startsWith("rethink run: " + option + " must be an integer >= "), o.err());
      assertTrue(o.err().contains(", was '1e3'"), o.err());
    }
    for (String option : new String[] {"--batch", "--size", "--steps"}) {
      Outcome o = rethink("bench", "TinyNorms", option, "two");
      assertEquals(2, o.code(), option);
      assertTrue(o.err().startsWith("rethink bench: " + option + " must be an integer >= 1, was 'two'"), o.err());
      Outcome zero = rethink("bench", "TinyNorms", option, "0");
      assertTrue(zero.err().startsWith("rethink bench: " + option + " must be >= 1, was 0"), zero.err());
    }
    assertFalse(Files.exists(tmp.resolve("n")));
  }

  @Test
  void helpExamplesWorkAsPrinted() throws Exception {
    int checked = 0;
    for (Command command : Rethink.commands(new Environment(Map.of(), tmp.resolve("home"), false),
        Modules.EMPTY_MODULE)) {
      Outcome help = rethink(command.name(), "--help");
      for (String example : command.examples()) {
        assertTrue(help.out().contains("\n  " + example + "\n"), example + " missing from " + help.out());
        List<String> args = List.of(example.split(" "));
        assertEquals(List.of("rethink", command.name()), args.subList(0, 2), example);
        String[] rest = args.subList(2, args.size()).toArray(String[]::new);
        if (command instanceof RunCommand) {
          // Not trained here: its options parse and pass their checks, the study defines, --variant selects.
          CommandLine line = DefaultParser.builder().setAllowPartialMatching(false).get()
              .parse(command.options(), rest);
          Study study = Studies.study(Command.single(line, "study"));
          StudySpec spec = Studies.define(study, Studies.profile(line, study));
          if (line.hasOption(RunCommand.VARIANT)) {
            assertFalse(spec.select(List.of(line.getOptionValues(RunCommand.VARIANT))).variants().isEmpty());
          }
          OptionValues.anyLong(line, RunCommand.SEED);
          for (Option o : new Option[] {RunCommand.LOG_EVERY, RunCommand.CHECKPOINT_EVERY, RunCommand.KEEP}) {
            OptionValues.integer(line, o, 1, 1);
          }
        } else {
          Outcome o = rethink(args.subList(1, args.size()).toArray(String[]::new));
          assertEquals(0, o.code(), example + ": " + o.err());
        }
        checked++;
      }
    }
    assertTrue(checked >= 3, "examples checked: " + checked);
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

  /**
   * A study file whose {@code define} builds {@code variant} (a VariantSpec expression over {@code s}, the scale,
   * and {@code r18}, a ResNet-18 at its width) on the line it returns ({@link #returnLine}).
   */
  private Path study(String name, String variant) throws IOException {
    return Files.writeString(tmp.resolve(name + ".java"), """
        import dev.rethink.dsl.backbone.ResNetSpec;
        import dev.rethink.dsl.norm.GroupNorm;
        import dev.rethink.dsl.schedule.WarmupSpec;
        import dev.rethink.dsl.study.*;
        import java.util.LinkedHashMap;
import java.util.List;

        public final class %s implements Study {
          public String description() { return "a broken study"; }
          public StudySpec define(Profile profile) {
            Scale s = profile.scale();
            ResNetSpec r18 = ResNetSpec.of(18).withWidthMultiplier(s.widthMultiplier());
            VariantSpec gn = VariantSpec.classifier("gn", s, r18.withNorm(new GroupNorm(s.groupNormGroups())));
            return StudySpec.of(this, profile, gn, %s);
          }
        }
        """.formatted(name, variant));
  }

  /** The line of {@link #study}'s return statement, counted as a compiler counts (from 1). */
  private static int returnLine(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("return StudySpec.of(")) {
        return i + 1;
      }
    }
    throw new AssertionError("no return line in " + source);
  }

  @Test
  void specErrorsOfPartsBuiltInDefineNameTheStudyLineTheVariantAndTheField() throws IOException {
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("BaseLr", new String[] {"gn.withName(\"hot\").withSchedule(s.nx(1).withBaseLr(-0.1))",
        "variants[hot].schedule.baseLr: must be a finite number > 0, was -0.1 (hint: "});
    cases.put("Iterations", new String[] {"gn.withName(\"none\").withSchedule(s.nx(1).withIterations(0, List.of()))",
        "variants[none].schedule.iterations: must be >= 1, was 0"});
    cases.put("Milestones", new String[] {
        "gn.withName(\"late\").withSchedule(s.nx(1).withIterations(100, List.of(50, 200)))",
        "variants[late].schedule.milestones: milestone 200 is at or past the last iteration (iterations=100)"});
    cases.put("Warmup", new String[] {
        "gn.withName(\"warm\").withSchedule(s.nx(1).withWarmup(new WarmupSpec(100000, 0.3)))",
        "variants[warm].schedule.warmup.iterations: warm-up of 100000 iterations does not end before the last"
            + " iteration (400)"});
    cases.put("Groups", new String[] {"VariantSpec.classifier(\"gn6\", s, r18.withNorm(new GroupNorm(6)))",
        "variants[gn6].model.backbone.norm: GroupNorm(groups=6) needs channels divisible by 6, stem has 16"});
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      Path source = study(c.getKey(), c.getValue()[0]);
      Outcome o = rethink("describe", source.toString());
      assertEquals(2, o.code(), c.getKey() + ": " + o.err());
      assertTrue(o.err().startsWith("rethink describe: " + source + ":" + returnLine(source) + ": spec error: "
          + c.getValue()[1]), c.getKey() + ": " + o.err());
      assertFalse(o.err().contains("\tat "), o.err());
    }
  }

  @Test
  void anExceptionInDefineNamesTheStudyLineAndIsTheUsersSpecError() throws IOException {
    // A lambda whose parameter is null: the study is compiled with -g, so the message names the variable.
    Path source = study("Npe", "gn.withName(((java.util.function.Function<String, String>) label -> \"n\""
        + " + label.length()).apply(System.getProperty(\"no.such.property\")))");
    Outcome o = rethink("run", source.toString(), "--out", tmp.resolve("r").toString());
    assertEquals(2, o.code(), o.err());
    assertEquals("rethink run: " + source + ":" + returnLine(source) + ": error in define(): NullPointerException: Cannot"
        + " invoke \"String.length()\" because \"label\" is null\n", o.err());
    assertFalse(Files.exists(tmp.resolve("r")), "nothing is written for a study that cannot be defined");
    // RETHINK_DEBUG adds the stack trace of the study's exception.
    Outcome debug = rethinkWith(Map.of("RETHINK_DEBUG", "1"), "describe", source.toString());
    assertEquals(2, debug.code());
    assertTrue(debug.err().contains("java.lang.NullPointerException") && debug.err().contains("\tat Npe.define("),
        debug.err());
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
