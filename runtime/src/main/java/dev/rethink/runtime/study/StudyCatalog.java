package dev.rethink.runtime.study;

import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudyDefinition;
import dev.rethink.dsl.study.StudySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The studies a command line can name: every {@link Study} registered in
 * {@code META-INF/services/dev.rethink.dsl.study.Study} on the class path, and {@code .java} files.
 */
public final class StudyCatalog {
  private final Map<String, Study> byName;

  private StudyCatalog(Map<String, Study> byName) {
    this.byName = byName;
  }

  /** The studies registered with the class loader that loaded the DSL (the launcher's class path). */
  public static StudyCatalog load() {
    return load(Study.class.getClassLoader());
  }

  /**
   * The studies registered with {@code loader}.
   *
   * @throws IllegalStateException if a registration is broken (class missing, no public no-argument
   *     constructor) or two studies share a name
   */
  public static StudyCatalog load(ClassLoader loader) {
    List<Study> found = new ArrayList<>();
    try {
      ServiceLoader.load(Study.class, loader).forEach(found::add);
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a study registered in META-INF/services/" + Study.class.getName()
          + " cannot be loaded: " + e.getMessage(), e);
    }
    found.sort(Comparator.comparing(Study::name));
    Map<String, Study> byName = new LinkedHashMap<>();
    for (Study s : found) {
      Study previous = byName.putIfAbsent(s.name(), s);
      if (previous != null) {
        throw new IllegalStateException("two studies are named '" + s.name() + "': " + previous.getClass().getName()
            + " and " + s.getClass().getName() + " (hint: override Study.name() in one of them)");
      }
    }
    return new StudyCatalog(byName);
  }

  /** The registered studies, sorted by name. */
  public List<Study> studies() {
    return List.copyOf(byName.values());
  }

  /** The registered names, sorted. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The registered study of that name; an exact match first, else the only case-insensitive one. */
  public Optional<Study> find(String name) {
    Study exact = byName.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<Study> folded = byName.values().stream()
        .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))).toList();
    return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
  }

  /**
   * The study a command line names: a path ending in {@code .java} is compiled and loaded (see
   * {@link JavaStudyLoader}); anything else is a registered study's name.
   *
   * @throws UnknownStudyException listing the known names
   * @throws StudySourceException if the {@code .java} file does not compile or holds no single study
   */
  public Study resolve(String nameOrPath) {
    if (nameOrPath.endsWith(".java")) {
      return new JavaStudyLoader().load(Path.of(nameOrPath));
    }
    return find(nameOrPath).orElseThrow(() -> new UnknownStudyException(nameOrPath, names()));
  }

  /**
   * The study's spec at {@code profile}, defined as {@link StudyDefinition#define} defines it (a broken rule names
   * the variant and full path).
   *
   * @throws StudyDefinitionException if its {@code define} breaks a spec rule or throws, naming the line of the
   *     study's source where it did (the {@code .java} file it was compiled from, if it was)
   */
  public static StudySpec define(Study study, Profile profile) {
    Path source = JavaStudyLoader.source(study.getClass()).orElse(null);
    try {
      return StudyDefinition.define(study, profile);
    } catch (RuntimeException e) {
      throw StudyDefinitionException.of(e, study.getClass(), source);
    } catch (LinkageError | StackOverflowError e) {
      // The study's, if its own code is on the stack (a class it names is missing, it recurses without end);
      // otherwise the installation's, reported as it is.
      if (StudyDefinitionException.locatable(e, study.getClass(), source)) {
        throw StudyDefinitionException.of(e, study.getClass(), source);
      }
      throw e;
    }
  }

}
