package dev.rethink.runtime.study;

import dev.rethink.dsl.SpecException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A study's {@code define} failed: a spec rule it broke, or any exception its code threw. The message starts with
 * the line of the study's source where it failed, as a compiler names it, so that an editor jumps there:
 * {@code Gn.java:14: spec error: variants[gn].schedule.baseLr: must be ...} or
 * {@code Gn.java:15: error in define(): NullPointerException: Cannot invoke "String.length()" ...}. The source is
 * the {@code .java} file given on the command line, or for a compiled study its class's file under the package
 * path ({@code dev/rethink/studies/Gn.java:14}).
 */
public final class StudyDefinitionException extends IllegalArgumentException {
  private final String location;

  private StudyDefinitionException(String location, String message, Throwable cause) {
    super(location + ": " + message, cause);
    this.location = location;
  }

  /**
   * The failure {@code thrown} while {@code study} defined itself.
   *
   * @param source the {@code .java} file the study was compiled from, or null for a compiled study
   */
  static StudyDefinitionException of(Throwable thrown, Class<?> study, Path source) {
    String kind = thrown instanceof SpecException ? "spec error: " + thrown.getMessage()
        : "error in define(): " + thrown.getClass().getSimpleName()
            + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
    return new StudyDefinitionException(locate(thrown, study, source), kind, thrown);
  }

  /** Where in the study's source it failed: {@code file:line}, or the file alone. */
  public String location() {
    return location;
  }

  /** True if the study's own code is on {@code thrown}'s stack (or a cause's). */
  static boolean locatable(Throwable thrown, Class<?> study, Path source) {
    return frame(thrown, study, source).isPresent();
  }

  /** Where in the study's source it failed: the file and line of {@link #frame}, else the file. */
  private static String locate(Throwable thrown, Class<?> study, Path source) {
    return frame(thrown, study, source)
        .map(f -> file(study, source, f.getFileName()) + ":" + f.getLineNumber())
        .orElseGet(() -> file(study, source, null));
  }

  /**
   * The innermost frame of the study's own code (the study class, its nested classes and lambdas, or any class of
   * its {@code .java} file), in {@code thrown} or its causes.
   */
  private static Optional<StackTraceElement> frame(Throwable thrown, Class<?> study, Path source) {
    String sourceName = source != null ? source.getFileName().toString() : null;
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Optional<StackTraceElement> frame = Arrays.stream(t.getStackTrace())
          .filter(f -> f.getLineNumber() > 0 && (ownClass(f.getClassName(), study)
              || (sourceName != null && sourceName.equals(f.getFileName()))))
          .findFirst();
      if (frame.isPresent()) {
        return frame;
      }
    }
    return Optional.empty();
  }

  /** The {@code .java} file given, else the class's source file under its package path. */
  private static String file(Class<?> study, Path source, String frameFile) {
    if (source != null) {
      return source.toString();
    }
    String pkg = study.getPackageName().isEmpty() ? "" : study.getPackageName().replace('.', '/') + "/";
    return pkg + (frameFile != null ? frameFile : outermost(study).getSimpleName() + ".java");
  }

  private static boolean ownClass(String className, Class<?> study) {
    String name = outermost(study).getName();
    return className.equals(name) || className.startsWith(name + "$");
  }

  private static Class<?> outermost(Class<?> c) {
    Class<?> top = c;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return top;
  }
}
