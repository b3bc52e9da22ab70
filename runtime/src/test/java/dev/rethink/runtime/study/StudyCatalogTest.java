package dev.rethink.runtime.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ServiceLoader registration: the test studies are listed in src/test/resources/META-INF/services. */
class StudyCatalogTest {

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
}
