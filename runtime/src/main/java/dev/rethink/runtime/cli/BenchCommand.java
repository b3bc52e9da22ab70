package dev.rethink.runtime.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** {@code rethink bench [<name> [args]]}: lists or runs a registered {@link Benchmark}. */
final class BenchCommand {
  private BenchCommand() {}

  static String summary() {
    return "Run a benchmark (without a name: list them).";
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    List<Benchmark> benchmarks = new ArrayList<>();
    ServiceLoader.load(Benchmark.class, Benchmark.class.getClassLoader()).forEach(benchmarks::add);
    benchmarks.sort(Comparator.comparing(Benchmark::name));
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      PrintStream to = args.isEmpty() ? err : out;
      to.println("usage: rethink bench <name> [args]");
      to.println("benchmarks:");
      for (Benchmark b : benchmarks) {
        to.printf("  %-16s %s%n", b.name(), b.description());
      }
      return args.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
    }
    for (Benchmark b : benchmarks) {
      if (b.name().equals(args.get(0))) {
        return b.run(args.subList(1, args.size()), out);
      }
    }
    throw new UsageException("unknown benchmark '" + args.get(0) + "'; known: "
        + benchmarks.stream().map(Benchmark::name).toList());
  }
}
