package dev.rethink.runtime.cli;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.data.DataModules;
import dev.rethink.runtime.model.ModelModule;
import dev.rethink.runtime.report.MetricColumns;
import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.RunScopedOptions;
import dev.rethink.runtime.report.VariantLabels;
import dev.rethink.runtime.report.VariantSummary;
import dev.rethink.runtime.eval.ClassificationEvaluatorModule;
import dev.rethink.runtime.eval.DetectionEvaluatorModule;
import dev.rethink.runtime.device.Device;
import dev.rethink.runtime.device.Devices;
import dev.rethink.runtime.train.RunOptions;
import dev.rethink.runtime.train.StudyOutcome;
import dev.rethink.runtime.train.StudyRunner;
import dev.rethink.runtime.train.TrainingModule;
import dev.rethink.runtime.train.control.GracefulStop;
import dev.rethink.runtime.train.control.RunLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code rethink run <study>}: trains and evaluates the study's variants into a run directory and writes its
 * {@code report.md}. The Guice modules are chosen here: the study's data modules, {@link ModelModule},
 * {@link ClassificationEvaluatorModule}, {@link DetectionEvaluatorModule} and {@link TrainingModule}.
 */
final class RunCommand extends Command {
  static final Option VARIANT = Option.builder().longOpt("variant").hasArg().argName("NAME")
      .desc("run only this variant and the variants it takes weights from; repeatable").get();
  static final Option OUT = Option.builder().longOpt("out").hasArg().argName("DIR")
      .desc("run directory (default runs/<study>-<profile>-<yyyyMMdd-HHmmss>); new, empty, or a run of the same"
          + " study, which is then resumed").get();
  static final Option RESUME = Option.builder().longOpt("resume").hasArg().argName("DIR")
      .desc("resume the run in DIR (the study is read from DIR/study.json when not given); a resume, or an --out"
          + " holding a run, keeps the run's --checkpoint-every, --checkpoint-minutes, --keep, --log-every and"
          + " --seed (DIR/options.json); one given again overrides its value for this process only").get();
  static final Option CHECKPOINT_EVERY = Option.builder().longOpt("checkpoint-every").hasArg().argName("N")
      .desc("write a checkpoint every N iterations (default " + RunOptions.DEFAULT_CHECKPOINT_EVERY
          + ") and at the end").get();
  static final Option CHECKPOINT_MINUTES = Option.builder().longOpt("checkpoint-minutes").hasArg().argName("M")
      .desc("... and when M minutes passed since the last one (default " + RunOptions.DEFAULT_CHECKPOINT_MINUTES
          + "; 0: by iterations only)").get();
  static final Option KEEP = Option.builder().longOpt("keep").hasArg().argName("N")
      .desc("checkpoints kept per variant (default " + RunOptions.DEFAULT_KEEP_CHECKPOINTS + ")").get();
  static final Option DEVICE = Option.builder().longOpt("device").hasArg().argName("cpu|gpu")
      .desc("where the graphs run (default cpu); gpu needs /device:GPU:0 and the gpu natives (mvn -Pgpu)").get();
  static final Option DEVICES = Option.builder().longOpt("devices").hasArg().argName("cpu:N|gpu:I-J|gpu:I,J")
      .desc("one training tower per device, each on its slice of the study's (global) batch, gradients averaged:"
          + " cpu:N (N virtual CPU devices), gpu:0-7, gpu:0,1 (default cpu:1); recorded with the run").get();
  static final Option ACCUMULATE = Option.builder().longOpt("accumulate").hasArg().argName("K")
      .desc("K passes of batch/(towers·K) images per tower before one update (default 1); recorded with the run")
      .get();
  static final Option SEED = Option.builder().longOpt("seed").hasArg().argName("N")
      .desc("replace every variant's seed (init, data order, augmentation)").get();
  static final Option DATA_ROOT = Option.builder().longOpt("data-root").hasArg().argName("DIR")
      .desc("where datasets on disk live (default $" + Environment.DATA + " or ~/datasets)").get();
  static final Option CACHE = Option.builder().longOpt("cache").hasArg().argName("DIR")
      .desc("where synthetic datasets are generated (default $" + Environment.CACHE + " or ~/.cache/rethink)")
      .get();
  static final Option LOG_EVERY = Option.builder().longOpt("log-every").hasArg().argName("N")
      .desc("write a training line every N iterations (default " + RunOptions.DEFAULT_LOG_EVERY + ")").get();

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Environment environment;
  private final Module overrides;

  RunCommand(Environment environment) {
    this(environment, Modules.EMPTY_MODULE);
  }

  /** With {@code overrides} replacing bindings of the run's modules: a test puts a full disk under the trainer. */
  RunCommand(Environment environment, Module overrides) {
    this.environment = environment;
    this.overrides = overrides;
  }

  @Override
  String name() {
    return "run";
  }

  @Override
  String summary() {
    return "Train and evaluate a study's variants; writes study.json, per-variant metrics and report.md.";
  }

  @Override
  String arguments() {
    return "<study|Study.java> [options]";
  }

  @Override
  Options options() {
    return new Options().addOption(Studies.PROFILE).addOption(VARIANT).addOption(OUT).addOption(DEVICE).addOption(DEVICES)
        .addOption(ACCUMULATE)
        .addOption(SEED).addOption(DATA_ROOT).addOption(CACHE).addOption(LOG_EVERY).addOption(RESUME)
        .addOption(CHECKPOINT_EVERY).addOption(CHECKPOINT_MINUTES).addOption(KEEP);
  }

  @Override
  String footer() {
    return "SIGINT / SIGTERM finish the current step, write a checkpoint and exit; running the same command"
        + " again (or --resume DIR) resumes: completed variants are kept, the others continue from their latest"
        + " checkpoint. Exit code 0 when every variant completed or diverged, 1 if one failed, 2 for a usage or"
        + " spec error, 130 / 143 when stopped by SIGINT / SIGTERM.";
  }

  @Override
  List<String> examples() {
    return List.of("rethink run PretrainVsScratchClassification",
        "rethink run PretrainVsScratchClassification --variant pretrained-1x --seed 1");
  }

  @Override
  int execute(CommandLine line, PrintStream out, PrintStream err) {
    Devices devices = devices(line);
    int accumulate = accumulate(line, null);
    int logEvery = OptionValues.integer(line, LOG_EVERY, RunOptions.DEFAULT_LOG_EVERY, 1);
    int checkpointEvery = OptionValues.integer(line, CHECKPOINT_EVERY, RunOptions.DEFAULT_CHECKPOINT_EVERY, 1);
    int checkpointMinutes = OptionValues.integer(line, CHECKPOINT_MINUTES, RunOptions.DEFAULT_CHECKPOINT_MINUTES, 0);
    int keep = OptionValues.integer(line, KEEP, RunOptions.DEFAULT_KEEP_CHECKPOINTS, 1);
    Long seed = OptionValues.anyLong(line, SEED);
    Path resume = line.hasOption(RESUME) ? Path.of(line.getOptionValue(RESUME)) : null;
    if (resume != null && line.hasOption(OUT) && !Path.of(line.getOptionValue(OUT)).equals(resume)) {
      throw new UsageException("--resume " + resume + " and --out " + line.getOptionValue(OUT) + " differ; give one");
    }
    RunScopedOptions scoped = runScoped(line, new RunScopedOptions(checkpointEvery, checkpointMinutes, keep,
        logEvery, seed, devices.cliName(), accumulate), resume != null ? resume : line.hasOption(OUT) ? Path.of(line.getOptionValue(OUT)) : null);
    checkpointEvery = scoped.checkpointEvery();
    checkpointMinutes = scoped.checkpointMinutes();
    keep = scoped.keep();
    logEvery = scoped.logEvery();
    seed = scoped.seed();
    devices = scoped.devices() == null ? Devices.one(Device.CPU) : parse(() -> Devices.parse(scoped.devices()));
    accumulate = scoped.accumulate() == null ? 1 : scoped.accumulate();
    StudySpec spec;
    if (resume != null && line.getArgList().isEmpty()) {
      if (!Files.isRegularFile(new RunDirectory(resume).studyJson())) {
        throw new UsageException("--resume " + resume + ": not a run directory (no study.json)");
      }
      spec = new RunDirectory(resume).readStudy();
    } else {
      Study study = Studies.study(single(line, "study name or .java file"));
      spec = Studies.define(study, Studies.profile(line, study));
    }
    if (line.hasOption(VARIANT)) {
      spec = spec.select(Arrays.asList(line.getOptionValues(VARIANT)));
    }
    if (seed != null) {
      spec = spec.withSeed(seed);
    }
    Path outDir = resume != null ? resume : line.hasOption(OUT) ? Path.of(line.getOptionValue(OUT))
        : Path.of("runs", spec.name() + "-" + spec.profile() + "-" + LocalDateTime.now().format(STAMP));
    if (resume != null && !Files.isRegularFile(new RunDirectory(resume).studyJson())) {
      throw new UsageException("--resume " + resume + ": not a run directory (no study.json)");
    }
    requireNewEmptyOrRun(outDir);
    // Before the data: a second run on the same directory is refused at once, not after generating a dataset.
    RunLock.requireFree(outDir);
    requireDivides(spec.executionOrder(), devices, accumulate);
    requireAvailable(devices);
    Path dataRoot = line.hasOption(DATA_ROOT) ? Path.of(line.getOptionValue(DATA_ROOT)) : environment.dataRoot();
    Path cache = line.hasOption(CACHE) ? Path.of(line.getOptionValue(CACHE)) : environment.cache();
    RunOptions options = new RunOptions(outDir, devices, accumulate, logEvery, environment.interactive(),
        checkpointEvery, checkpointMinutes, keep, commandLine(line), seed);

    List<Module> modules = new ArrayList<>(DataModules.forStudy(spec, dataRoot, cache));
    modules.add(new ModelModule());
    modules.add(new ClassificationEvaluatorModule());
    modules.add(new DetectionEvaluatorModule());
    StudyOutcome outcome;
    try (GracefulStop stop = GracefulStop.onSignals(GracefulStop.DEFAULT_GRACE)) {
      modules.add(new TrainingModule(options, stop));
      outcome = Guice.createInjector(Modules.override(modules).with(overrides)).getInstance(StudyRunner.class)
          .run(spec);
    }

    for (VariantSummary v : outcome.variants()) {
      out.printf("%-24s %-11s %6d/%-6d %8s %s%n", v.variant(), v.status().label(), v.iterations(),
          v.plannedIterations(), VariantLabels.duration(v.wallSeconds()),
          v.message() != null ? v.message() : MetricColumns.summary(v.metrics()));
    }
    out.println("report: " + outcome.run().report());
    // What went wrong without stopping a variant (a full disk): once each, at the end, where it is seen.
    for (VariantSummary v : outcome.variants()) {
      v.warnings().forEach(w -> err.println("rethink run: warning: " + v.variant() + ": " + w));
    }
    return outcome.anyFailed() ? ExitCodes.FAILURE : outcome.interrupted() ? ExitCodes.INTERRUPTED : ExitCodes.OK;
  }

  /**
   * The run-scoped options of this process: those {@code given} on the command line, and for a run directory that
   * records its own ({@code options.json}), the recorded value of each one not given explicitly. Run options given
   * when a run starts belong to the run: a resume without them checkpoints, keeps, logs and seeds as it started.
   */
  private static RunScopedOptions runScoped(CommandLine line, RunScopedOptions given, Path runDir) {
    Optional<RunScopedOptions> recorded = runDir == null || !Files.isRegularFile(new RunDirectory(runDir).studyJson())
        ? Optional.empty() : new RunDirectory(runDir).readOptions();
    if (recorded.isEmpty()) {
      return given;
    }
    RunScopedOptions r = recorded.get();
    return new RunScopedOptions(
        line.hasOption(CHECKPOINT_EVERY) ? given.checkpointEvery() : r.checkpointEvery(),
        line.hasOption(CHECKPOINT_MINUTES) ? given.checkpointMinutes() : r.checkpointMinutes(),
        line.hasOption(KEEP) ? given.keep() : r.keep(),
        line.hasOption(LOG_EVERY) ? given.logEvery() : r.logEvery(),
        line.hasOption(SEED) ? given.seed() : r.seed(),
        line.hasOption(DEVICES) || line.hasOption(DEVICE) || r.devices() == null ? given.devices() : r.devices(),
        line.hasOption(ACCUMULATE) || r.accumulate() == null ? given.accumulate() : r.accumulate());
  }

  /** {@code --devices}, or the one device of {@code --device}, or one CPU; both given is a usage error. */
  static Devices devices(CommandLine line) {
    if (line.hasOption(DEVICES) && line.hasOption(DEVICE)) {
      throw new UsageException("--device " + line.getOptionValue(DEVICE) + " and --devices "
          + line.getOptionValue(DEVICES) + ": give one (--device gpu is --devices gpu:0)");
    }
    if (line.hasOption(DEVICES)) {
      return parse(() -> Devices.parse(line.getOptionValue(DEVICES)));
    }
    return Devices.one(parse(() -> Device.parse(line.getOptionValue(DEVICE, Device.CPU.cliName()))));
  }

  /** {@code --accumulate} (at least 1), else {@code recorded}, else 1. */
  static int accumulate(CommandLine line, Integer recorded) {
    return line.hasOption(ACCUMULATE) || recorded == null ? OptionValues.integer(line, ACCUMULATE, 1, 1) : recorded;
  }

  /** Every variant's global batch divides into towers × accumulate slices; else a usage error naming both. */
  static void requireDivides(List<VariantSpec> variants, Devices devices, int accumulate) {
    for (VariantSpec v : variants) {
      parse(() -> devices.placement(accumulate).sliceOf(v.name(), v.schedule().imagesPerBatch()));
    }
  }

  /** The devices exist (a GPU TensorFlow does not see is a usage error explaining why), checked before a run. */
  static void requireAvailable(Devices devices) {
    try {
      devices.requireAvailable();
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }

  /** The command line as typed after {@code rethink}, for the provenance record. */
  private static List<String> commandLine(CommandLine line) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(line.getArgList());
    for (Option o : line.getOptions()) {
      args.add("--" + o.getLongOpt());
      if (o.hasArg()) {
        args.add(o.getValue());
      }
    }
    return args;
  }

  /** A new or empty directory, or a run directory (resumed if it holds the same study: the runner checks). */
  private static void requireNewEmptyOrRun(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new UsageException("--out " + dir + " is a file");
    }
    if (Files.isRegularFile(new RunDirectory(dir).studyJson())) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
        throw new UsageException("--out " + dir + " is not empty and is not a run directory (no study.json);"
            + " choose a new directory");
      }
    } catch (IOException e) {
      throw new UsageException("--out " + dir + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** An option value its parser refuses (a device name) is a usage error with the parser's message. */
  private static <T> T parse(java.util.function.Supplier<T> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage(), e);
    }
  }
}
