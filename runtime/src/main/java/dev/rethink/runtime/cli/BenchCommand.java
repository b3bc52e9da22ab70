package dev.rethink.runtime.cli;

import com.google.inject.Guice;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.model.ModelCompiler;
import dev.rethink.runtime.model.ModelModule;
import dev.rethink.runtime.report.VariantLabels;
import dev.rethink.runtime.study.UnknownStudyException;
import dev.rethink.runtime.device.Devices;
import dev.rethink.runtime.bench.VariantBenchmark;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code rethink bench [<name> [args]]}: runs one of the project's benchmark classes (each a {@code main} that
 * prints figures and asserts nothing), or lists them; {@code rethink bench <study> [--variant V] ...} times a
 * training and an inference step of a study variant ({@link VariantBenchmark}). The benchmark classes are named
 * here rather than implementing an interface because the graph module's does not depend on this one; a named
 * benchmark's arguments are its own and pass through unparsed.
 */
final class BenchCommand extends Command {
  /** A benchmark: its name on the command line, its main class, what it prints. */
  record Entry(String name, String mainClass, String description) {}

  static final List<Entry> BENCHMARKS = List.of(
      new Entry("graph", "dev.rethink.graph.bench.GraphBenchmark",
          "graph build time and train-step times (quick classifier; ResNet-50 at batch 4, 224²)"),
      new Entry("loader", "dev.rethink.runtime.bench.LoaderBenchmark",
          "input-pipeline throughput on synthetic COCO at 800×1333 [--threads T --batch B --step-ms MS ...]"),
      new Entry("coco-eval", "dev.rethink.runtime.bench.EvalBenchmark",
          "COCO evaluation time on a val2017-sized case [images] [detectionsPerImage] [seed]"));

  static final Option VARIANT = Option.builder().longOpt("variant").hasArg().argName("NAME")
      .desc("the variant to time (default: the study's first in execution order)").get();
  static final Option BATCH = Option.builder().longOpt("batch").hasArg().argName("N")
      .desc("images per step (default: the variant's batch)").get();
  static final Option SIZE = Option.builder().longOpt("size").hasArg().argName("S")
      .desc("images of S×S pixels (default: the variant's classification crop or shorter test side)").get();
  static final Option STEPS = Option.builder().longOpt("steps").hasArg().argName("K")
      .desc("timed steps of each kind, after the first and " + VariantBenchmark.WARMUP_STEPS + " warm-up steps"
          + " (default 5)").get();
  static final Option DEVICES = RunCommand.DEVICES;
  static final Option ACCUMULATE = RunCommand.ACCUMULATE;
  static final Option DEVICE = Option.builder().longOpt("device").hasArg().argName("cpu|gpu")
      .desc("where the graph runs (default cpu)").get();

  private static final int DEFAULT_STEPS = 5;

  @Override
  String name() {
    return "bench";
  }

  @Override
  String summary() {
    return "Run a benchmark (without a name: list them), or time a study variant's steps.";
  }

  @Override
  String arguments() {
    return "<name> [args] | <study> [options]";
  }

  @Override
  Options options() {
    return new Options().addOption(VARIANT).addOption(Studies.PROFILE).addOption(BATCH).addOption(SIZE)
        .addOption(STEPS).addOption(DEVICE).addOption(DEVICES).addOption(ACCUMULATE);
  }

  @Override
  String footer() {
    StringBuilder s = new StringBuilder("benchmarks (their arguments pass through):\n");
    for (Entry b : BENCHMARKS) {
      s.append(String.format("  %-10s %s%n", b.name(), b.description()));
    }
    return s.append("  <study>    a training step and an inference step of a study variant on a synthetic batch:")
        .append(" ms/step and images/s (median), graph build and session start, peak memory").toString();
  }

  @Override
  List<String> examples() {
    return List.of("rethink bench graph", "rethink bench PretrainVsScratchClassification --devices cpu:2");
  }

  /** A named benchmark gets the rest of the line as its own arguments; a study goes through the options. */
  @Override
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty()) {
      printHelp(err);
      return ExitCodes.USAGE;
    }
    Entry entry = BENCHMARKS.stream().filter(b -> b.name().equals(args.get(0))).findFirst().orElse(null);
    if (entry == null) {
      return super.run(args, out, err);
    }
    MethodHandle main;
    try {
      main = MethodHandles.publicLookup().findStatic(Class.forName(entry.mainClass()), "main",
          MethodType.methodType(void.class, String[].class));
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("benchmark " + entry.name() + ": " + entry.mainClass()
          + " has no public static main(String[]) on the class path", e);
    }
    // The benchmarks print to System.out.
    try {
      main.invoke((Object) args.subList(1, args.size()).toArray(String[]::new));
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("benchmark " + entry.name() + " failed", e);
    }
    return ExitCodes.OK;
  }

  /** {@code rethink bench <study> ...}: times one variant. */
  @Override
  int execute(CommandLine line, PrintStream out, PrintStream err) {
    String name = Command.single(line, "benchmark name or study");
    Study study;
    try {
      study = Studies.study(name);
    } catch (UnknownStudyException e) {
      throw new UsageException("unknown benchmark or study '" + name + "'; benchmarks: "
          + BENCHMARKS.stream().map(Entry::name).toList() + "; studies: " + String.join(", ", e.known()), e);
    }
    Profile profile = Studies.profile(line, study);
    StudySpec spec = Studies.define(study, profile);
    VariantSpec variant = line.hasOption(VARIANT)
        ? spec.select(List.of(line.getOptionValue(VARIANT))).variant(line.getOptionValue(VARIANT)).orElseThrow()
        : spec.executionOrder().get(0);
    int batch = OptionValues.integer(line, BATCH, variant.schedule().imagesPerBatch(), 1);
    int size = OptionValues.integer(line, SIZE, defaultSize(variant), 1);
    int steps = OptionValues.integer(line, STEPS, DEFAULT_STEPS, 1);
    Devices devices = RunCommand.devices(line);
    int accumulate = RunCommand.accumulate(line, null);
    RunCommand.requireDivides(List.of(variant.withSchedule(variant.schedule().withImagesPerBatch(batch))),
        devices, accumulate);
    RunCommand.requireAvailable(devices);
    out.printf("bench %s/%s (%s profile): %s, batch %d of %d×%d, %s, devices %s (%s × %s%s)%n", spec.name(),
        variant.name(), profile.cliName(), VariantLabels.model(variant.model()), batch, size, size,
        VariantLabels.count(steps, "timed step"), devices.cliName(), VariantLabels.count(devices.towers(), "tower"),
        VariantLabels.count(batch / devices.towers(), "image"), accumulate > 1 ? ", " + accumulate + " passes each"
            : "");
    ModelCompiler compiler = Guice.createInjector(new ModelModule()).getInstance(ModelCompiler.class);
    VariantBenchmark.Figures f = VariantBenchmark.run(compiler, variant, batch, size, steps, devices, accumulate);
    out.printf(Locale.ROOT, "  trainable parameters   %,d%n", f.parameters());
    out.printf(Locale.ROOT, "  graph build            %.2f s%n", f.buildSeconds());
    out.printf(Locale.ROOT, "  session start          %.2f s (+ %.2f s variable initialization)%n",
        f.sessionSeconds(), f.initSeconds());
    out.printf(Locale.ROOT, "  first training step    %.2f s (includes graph optimization)%n",
        f.firstTrainSeconds());
    out.printf(Locale.ROOT, "  training step          %.1f ms median, %.2f images/s%n", f.trainMillis(),
        f.trainImagesPerSecond());
    out.printf(Locale.ROOT, "  first inference step   %.2f s%n", f.firstInferSeconds());
    out.printf(Locale.ROOT, "  inference step         %.1f ms median, %.2f images/s%n", f.inferMillis(),
        f.inferImagesPerSecond());
    out.printf(Locale.ROOT, "  peak JVM heap          %.0f MiB%n", f.heapPeakBytes() / 1048576.0);
    out.printf(Locale.ROOT, "  peak process RSS       %s%n", f.rssPeakBytes() < 0 ? "n/a (no /proc)"
        : String.format(Locale.ROOT, "%.0f MiB (VmHWM)", f.rssPeakBytes() / 1048576.0));
    return ExitCodes.OK;
  }

  /** The variant's own image size: its classification crop, or its detection input's shorter test side. */
  private static int defaultSize(VariantSpec v) {
    return v.input().accept(new InputSpec.Visitor<Integer>() {
      @Override
      public Integer classification(ClassificationInput spec) {
        return spec.size();
      }

      @Override
      public Integer detection(DetectionInput spec) {
        return spec.testShortSide();
      }
    });
  }
}
