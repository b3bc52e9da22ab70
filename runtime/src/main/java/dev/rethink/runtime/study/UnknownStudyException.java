package dev.rethink.runtime.study;

import java.util.List;

/** A study name that no registered study has; the message lists the known names. */
public final class UnknownStudyException extends IllegalArgumentException {
  private final List<String> known;

  UnknownStudyException(String name, List<String> known) {
    super("unknown study '" + name + "'; known studies: " + (known.isEmpty() ? "(none)" : String.join(", ", known))
        + " (or give the path of a .java file implementing dev.rethink.dsl.study.Study)");
    this.known = List.copyOf(known);
  }

  /** The names of the registered studies, sorted. */
  public List<String> known() {
    return known;
  }
}
