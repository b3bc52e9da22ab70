package dev.rethink.runtime.cli;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * {@code rethink bench [<name> [args]]}: runs one of the project's benchmark classes (each a {@code main} that
 * prints figures and asserts nothing), or lists them. The classes live in the modules they measure, which do not
 * depend on this one, so they are named here rather than implementing an interface.
 */
final class BenchCommand {
  /** A benchmark: its name on the command line, its main class, what it prints. */
  record Entry(String name, String mainClass, String description) {}

  static final List<Entry> BENCHMARKS = List.of(
      new Entry("graph", "dev.rethink.graph.bench.GraphBenchmark",
          "graph build time and train-step times (quick classifier; ResNet-50 at batch 4, 224²)"),
      new Entry("loader", "dev.rethink.runtime.data.bench.LoaderBenchmark",
          "input-pipeline throughput on synthetic COCO at 800×1333 [--threads T --batch B --step-ms MS ...]"),
      new Entry("coco-eval", "dev.rethink.runtime.eval.bench.EvalBenchmark",
          "COCO evaluation time on a val2017-sized case [images] [detectionsPerImage] [seed]"));

  private BenchCommand() {}

  static String summary() {
    return "Run a benchmark (without a name: list them).";
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws Throwable {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      PrintStream to = args.isEmpty() ? err : out;
      to.println("usage: rethink bench <name> [args]");
      to.println("benchmarks:");
      for (Entry b : BENCHMARKS) {
        to.printf("  %-10s %s%n", b.name(), b.description());
      }
      return args.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
    }
    Entry entry = BENCHMARKS.stream().filter(b -> b.name().equals(args.get(0))).findFirst().orElseThrow(() ->
        new UsageException("unknown benchmark '" + args.get(0) + "'; known: "
            + BENCHMARKS.stream().map(Entry::name).toList()));
    MethodHandle main;
    try {
      main = MethodHandles.publicLookup().findStatic(Class.forName(entry.mainClass()), "main",
          MethodType.methodType(void.class, String[].class));
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("benchmark " + entry.name() + ": " + entry.mainClass()
          + " has no public static main(String[]) on the class path", e);
    }
    // The benchmarks print to System.out.
    main.invoke((Object) args.subList(1, args.size()).toArray(String[]::new));
    return ExitCodes.OK;
  }
}
