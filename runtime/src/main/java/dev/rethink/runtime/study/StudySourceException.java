package dev.rethink.runtime.study;

import java.util.List;

/**
 * A study {@code .java} file that does not compile or does not hold exactly one public, instantiable
 * {@link dev.rethink.dsl.study.Study}. The message names the file; compiler errors come as
 * {@code file:line:column: error: message} lines.
 */
public final class StudySourceException extends IllegalArgumentException {
  private final List<String> diagnostics;

  StudySourceException(String message, List<String> diagnostics) {
    super(diagnostics.isEmpty() ? message : message + System.lineSeparator()
        + String.join(System.lineSeparator(), diagnostics));
    this.diagnostics = List.copyOf(diagnostics);
  }

  StudySourceException(String message, Throwable cause) {
    super(message, cause);
    this.diagnostics = List.of();
  }

  /** Compiler errors, one {@code file:line:column: error: message} entry each; empty for other failures. */
  public List<String> diagnostics() {
    return diagnostics;
  }
}
