package dev.rethink.runtime.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServiceLoader registration: the test studies are listed in src/test/resources/META-INF/services. */
class StudyCatalogTest {
  @TempDir
  Path tmp;

  /** A compiled study whose define breaks a spec rule on the line recorded in {@link #line}. */
  public static final class BrokenGroups implements Study {
    static int line;

    @Override
    public String description() {
      return "GN(6) on a 16-channel stem";
    }

    @Override
    public StudySpec define(Profile profile) {
      line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
      return StudySpec.of(this, profile, VariantSpec.classifier("gn6", profile.scale(), ResNetSpec.of(18)
          .withWidthMultiplier(0.25).withNorm(new GroupNorm(6))));
    }
  }

  @Test
  void findsRegisteredStudiesSortedByName() {
    StudyCatalog catalog = StudyCatalog.load();
    assertTrue(catalog.names().containsAll(List.of("TinyNorms", "TinyTransfer")), catalog.names().toString());
    assertEquals(catalog.names().stream().sorted().toList(), catalog.names());
    assertEquals("TinyTransfer", catalog.resolve("TinyTransfer").name());
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    UnknownStudyException e = assertThrows(UnknownStudyException.class,
        () -> StudyCatalog.load().resolve("Nope"));
    assertEquals(StudyCatalog.load().names(), e.known());
    assertTrue(e.getMessage().startsWith("unknown study 'Nope'; known studies: "), e.getMessage());
  }

  @Test
  void aCompiledStudysSpecErrorNamesItsClassFileLineAndTheFullPath() throws IOException {
    Path services = Files.createDirectories(tmp.resolve("META-INF/services"));
    Files.writeString(services.resolve(Study.class.getName()), BrokenGroups.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()},
        getClass().getClassLoader())) {
      StudyDefinitionException e = assertThrows(StudyDefinitionException.class,
          () -> StudyCatalog.define(StudyCatalog.load(loader).resolve("BrokenGroups"), Profile.QUICK));
      assertEquals("dev/rethink/runtime/study/StudyCatalogTest.java:" + BrokenGroups.line, e.location());
      assertEquals(e.location() + ": spec error: variants[gn6].model.backbone.norm: GroupNorm(groups=6) needs"
          + " channels divisible by 6, stem has 16 (hint: choose groups dividing every layer's width, or change the"
          + " width)", e.getMessage());
    }
  }
}
