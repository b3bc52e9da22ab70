package dev.rethink.runtime.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the command line takes from its surroundings: the {@code RETHINK_DATA} / {@code RETHINK_CACHE}
 * variables, the home directory and whether stderr is a terminal. Passed in so that tests set them.
 *
 * @param variables environment variables
 * @param home the user's home directory
 * @param interactive true when a terminal is attached (progress bar instead of log lines)
 */
record Environment(Map<String, String> variables, Path home, boolean interactive) {
  /** Data root variable; default {@code ~/datasets}. */
  static final String DATA = "RETHINK_DATA";
  /** Synthetic-data cache variable; default {@code ~/.cache/rethink}. */
  static final String CACHE = "RETHINK_CACHE";

  /** This process's environment. */
  static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), System.console() != null);
  }

  Path dataRoot() {
    String v = variables.get(DATA);
    return v != null && !v.isBlank() ? Path.of(v) : home.resolve("datasets");
  }

  Path cache() {
    String v = variables.get(CACHE);
    return v != null && !v.isBlank() ? Path.of(v) : home.resolve(".cache").resolve("rethink");
  }
}
