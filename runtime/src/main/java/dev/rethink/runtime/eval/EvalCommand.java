package dev.rethink.runtime.eval;

import java.io.PrintStream;

/** TEMPORARY stub of the eval branch's contract (replaced when branch {@code eval} is merged). */
public final class EvalCommand {
  private EvalCommand() {}

  /** {@code rethink eval ...}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    err.println("rethink eval: not available yet");
    return 1;
  }
}
