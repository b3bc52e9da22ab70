package dev.rethink.runtime.cli;

/** The exit codes of {@code rethink}. */
public final class ExitCodes {
  /** Success; for {@code run}, every variant completed or diverged. */
  public static final int OK = 0;
  /** A runtime failure: an error while training, a missing dataset, an I/O error... */
  public static final int FAILURE = 1;
  /** A usage or spec error: bad option, unknown study, a spec rule broken (the message names the field). */
  public static final int USAGE = 2;

  /**
   * {@code run} stopped by SIGINT after a checkpoint (128 + SIGINT, as shells report it). A signal ends the JVM
   * through its shutdown hooks, so the process status is the JVM's own: 130 after SIGINT, 143 after SIGTERM.
   */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
