package dev.rethink.runtime.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A benchmark runnable as {@code rethink bench <name> [args]}: it prints figures, it asserts nothing.
 * Implementations are listed in {@code META-INF/services/dev.rethink.runtime.cli.Benchmark} and need a public
 * no-argument constructor.
 */
public interface Benchmark {

  /** The name typed after {@code rethink bench}. */
  String name();

  /** One line for {@code rethink bench}'s list, including the arguments it takes. */
  String description();

  /**
   * Runs with the arguments after the name, printing figures to {@code out}.
   *
   * @return the exit code
   */
  int run(List<String> args, PrintStream out) throws Exception;
}
