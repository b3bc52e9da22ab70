package dev.rethink.runtime.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Studies given as a {@code .java} file: compiled in-process, loaded, instantiated. */
class JavaStudyLoaderTest {
  @TempDir
  Path tmp;

  private Path source(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void compilesAndLoadsAStudyWithHelperClasses() throws Exception {
    Path file = source("MyGnStudy.java", """
        package my.studies;

        import dev.rethink.dsl.backbone.ResNetSpec;
        import dev.rethink.dsl.norm.GroupNorm;
        import dev.rethink.dsl.study.*;

        public final class MyGnStudy implements Study {
          public String description() { return "GN at two widths"; }

          public StudySpec define(Profile profile) {
            Scale s = profile.scale();
            VariantSpec narrow = Widths.variant("narrow", s, 0.25);
            return StudySpec.of(this, profile, narrow, Widths.variant("wide", s, 0.5));
          }
        }

        final class Widths {
          static VariantSpec variant(String name, Scale s, double width) {
            return VariantSpec.classifier(name, s, ResNetSpec.of(50).withWidthMultiplier(width)
                .withNorm(new GroupNorm(s.groupNormGroups())));
          }
        }
        """);
    Study study = new JavaStudyLoader().load(file);
    assertEquals("my.studies.MyGnStudy", study.getClass().getName());
    assertEquals("MyGnStudy", study.name());
    assertEquals("GN at two widths", study.description());
    StudySpec spec = study.define(Profile.QUICK);
    assertEquals(List.of("narrow", "wide"), spec.variants().stream().map(v -> v.name()).toList());
    assertEquals(new GroupNorm(8), spec.variants().get(1).model().backbone().norm());
    // The compiled classes were loaded before the temporary directory went away: nothing is left behind.
    assertEquals(study.getClass().getClassLoader(), Class.forName("my.studies.Widths", false,
        study.getClass().getClassLoader()).getClassLoader(), "helper class loaded by the same loader");
  }

  @Test
  void catalogResolvesAJavaPath() throws IOException {
    Path file = source("Named.java", """
        import dev.rethink.dsl.study.*;
        public class Named implements Study {
          public String name() { return "CustomName"; }
          public String description() { return "d"; }
          public StudySpec define(Profile p) { throw new UnsupportedOperationException(); }
        }
        """);
    assertEquals("CustomName", StudyCatalog.load().resolve(file.toString()).name());
  }

  @Test
  void compileErrorsComeWithFileAndLine() throws IOException {
    // The error is on line 4 (an undefined type), column 10.
    Path file = source("Broken.java", """
        import dev.rethink.dsl.study.*;
        public class Broken implements Study {
          public String description() { return "broken"; }
          public Sttudy define(Profile p) { return null; }
        }
        """);
    StudySourceException e = assertThrows(StudySourceException.class, () -> new JavaStudyLoader().load(file));
    assertTrue(e.getMessage().startsWith("study source " + file + " does not compile:"), e.getMessage());
    assertTrue(e.diagnostics().stream().anyMatch(d -> d.startsWith(file + ":4:10: error: ")
        && d.contains("Sttudy")), e.diagnostics().toString());
  }

  @Test
  void aFileWithoutAStudyIsRejected() throws IOException {
    Path file = source("NotAStudy.java", "public class NotAStudy { }\n");
    StudySourceException e = assertThrows(StudySourceException.class, () -> new JavaStudyLoader().load(file));
    assertTrue(e.getMessage().contains("must declare exactly one public class implementing"
        + " dev.rethink.dsl.study.Study, found []"), e.getMessage());
  }

  @Test
  void aStudyWithoutANoArgumentConstructorIsRejected() throws IOException {
    Path file = source("NeedsArg.java", """
        import dev.rethink.dsl.study.*;
        public class NeedsArg implements Study {
          public NeedsArg(int x) {}
          public String description() { return "d"; }
          public StudySpec define(Profile p) { return null; }
        }
        """);
    StudySourceException e = assertThrows(StudySourceException.class, () -> new JavaStudyLoader().load(file));
    assertTrue(e.getMessage().contains("needs a public no-argument constructor"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = tmp.resolve("Missing.java");
    StudySourceException e = assertThrows(StudySourceException.class, () -> new JavaStudyLoader().load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
