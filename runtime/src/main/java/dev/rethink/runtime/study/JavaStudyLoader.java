package dev.rethink.runtime.study;

import dev.rethink.dsl.study.Study;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Loads a study written as a single {@code .java} file, so that a user can try a study without a build: the
 * file is compiled in-process against the running class path into a temporary directory, every class it
 * declares is loaded, and the one public class implementing {@link Study} is instantiated.
 */
public final class JavaStudyLoader {
  /** The file each loaded study class was compiled from, so that a failure of its define names that file. */
  private static final Map<Class<?>, Path> SOURCES = Collections.synchronizedMap(new WeakHashMap<>());

  /** The {@code .java} file {@code study} was compiled from by this loader, if it was. */
  public static Optional<Path> source(Class<?> study) {
    return Optional.ofNullable(SOURCES.get(study));
  }

  /**
   * Compiles and instantiates the study in {@code source}.
   *
   * @throws StudySourceException if the file is missing, does not compile (with {@code file:line} diagnostics),
   *     or does not declare exactly one public, concrete {@link Study} with a public no-argument constructor
   */
  public Study load(Path source) {
    if (!Files.isRegularFile(source)) {
      throw new StudySourceException("study source " + source + " does not exist or is not a file", List.of());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new StudySourceException("compiling " + source + " needs a JDK (this Java runtime has no compiler);"
          + " run with a JDK 17+ or add the study to the studies module", List.of());
    }
    Path classes;
    try {
      classes = Files.createTempDirectory("rethink-study-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for compiling " + source, e);
    }
    try {
      compile(compiler, source, classes);
      return instantiate(source, classes);
    } finally {
      deleteRecursively(classes);
    }
  }

  private static void compile(JavaCompiler compiler, Path source, Path classes) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
        StandardCharsets.UTF_8)) {
      // -g: local variable names, so that a NullPointerException in define() names the variable that was null.
      List<String> options = List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none",
          "--release", "17", "-encoding", "UTF-8", "-g");
      StringWriter otherOutput = new StringWriter();
      boolean ok = compiler.getTask(otherOutput, files, diagnostics, options, null,
          files.getJavaFileObjects(source.toFile())).call();
      if (!ok) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() == Diagnostic.Kind.ERROR) {
            String file = d.getSource() == null ? source.toString() : d.getSource().getName();
            errors.add(file + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": error: "
                + d.getMessage(Locale.ROOT));
          }
        }
        if (!otherOutput.toString().isBlank()) {
          errors.add(otherOutput.toString().strip());
        }
        throw new StudySourceException("study source " + source + " does not compile:", errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("compiling " + source, e);
    }
  }

  /**
   * The running class path, plus the DSL's own location: under a launcher that passes the class path in a
   * manifest (e.g. Surefire) {@code java.class.path} alone may not show it.
   */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path", "")
        .split(File.pathSeparator)));
    CodeSource dsl = Study.class.getProtectionDomain().getCodeSource();
    if (dsl != null && dsl.getLocation() != null) {
      try {
        entries.add(Path.of(dsl.getLocation().toURI()).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // Not a file location (e.g. a custom class loader); java.class.path has to do.
      }
    }
    entries.remove("");
    return String.join(File.pathSeparator, entries);
  }

  private static Study instantiate(Path source, Path classes) {
    URL url;
    try {
      url = classes.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    // Not closed: the study's classes stay in use for the rest of the run. Every class is loaded now, while
    // the directory exists, so that deleting it afterwards is safe.
    URLClassLoader loader = new URLClassLoader(new URL[] {url}, Study.class.getClassLoader());
    List<Class<?>> studies = new ArrayList<>();
    for (String name : classNames(classes)) {
      Class<?> c;
      try {
        c = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new StudySourceException("cannot load class " + name + " compiled from " + source + ": " + e, e);
      }
      if (Study.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
          && !Modifier.isAbstract(c.getModifiers()) && c.getEnclosingClass() == null) {
        studies.add(c);
      }
    }
    if (studies.size() != 1) {
      throw new StudySourceException(source + " must declare exactly one public class implementing "
          + Study.class.getName() + ", found " + studies.stream().map(Class::getName).toList(), List.of());
    }
    Class<?> study = studies.get(0);
    SOURCES.put(study, source);
    try {
      Constructor<?> constructor = study.getConstructor();
      return (Study) constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new StudySourceException(study.getName() + " in " + source
          + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new StudySourceException("constructing " + study.getName() + " from " + source + " failed: "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new StudySourceException("cannot instantiate " + study.getName() + " from " + source + ": " + e, e);
    }
  }

  private static List<String> classNames(Path classes) {
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(p -> p.toString().endsWith(".class")).map(p -> {
        String relative = classes.relativize(p).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace(File.separatorChar, '.');
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary directory is harmless; the OS cleans it.
    }
  }
}
