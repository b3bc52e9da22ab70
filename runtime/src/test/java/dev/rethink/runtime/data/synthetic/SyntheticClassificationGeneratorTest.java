package dev.rethink.runtime.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticClassification.Task;
import dev.rethink.runtime.data.image.ImageFiles;
import dev.rethink.runtime.data.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticClassificationGeneratorTest {
  @TempDir
  Path dir;

  private static final SyntheticClassification SPEC =
      new SyntheticClassification(Task.SOURCE, 4, 3, 2, 32, 11);

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedGivesIdenticalBytesWhateverTheThreadCount() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    SyntheticClassificationGenerator.generate(SPEC, a, 1);
    SyntheticClassificationGenerator.generate(SPEC, b, 3);
    List<Path> files = files(a);
    assertEquals(4 * (3 + 2), files.size());
    assertEquals(files, files(b));
    for (Path f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
    }
  }

  @Test
  void anotherSeedGivesOtherImages() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path c = Files.createDirectories(dir.resolve("c"));
    SyntheticClassificationGenerator.generate(SPEC, a, 2);
    SyntheticClassificationGenerator.generate(new SyntheticClassification(Task.SOURCE, 4, 3, 2, 32, 12), c, 2);
    for (Path f : files(a)) {
      assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(c.resolve(f))),
          f.toString());
    }
  }

  @Test
  void writesImageNetLayoutWithOrderedClassFolders() throws Exception {
    SyntheticClassificationGenerator.generate(SPEC, dir, 2);
    assertEquals(List.of("00_circle", "01_square", "02_triangle", "03_star"),
        Files.list(dir.resolve("train")).map(p -> p.getFileName().toString()).sorted().toList());
    Path first = dir.resolve("val/02_triangle/02_triangle_00001.JPEG");
    RgbImage image = ImageFiles.read(first);
    assertEquals(32, image.width());
    assertEquals(32, image.height());
    byte[] head = Files.readAllBytes(first);
    assertEquals(0xFF, head[0] & 0xFF, "JPEG SOI marker");
    assertEquals(0xD8, head[1] & 0xFF, "JPEG SOI marker");
    assertEquals(List.of("00_circle_square", "01_triangle_star"),
        ClassificationScenes.classNames(Task.TARGET, 2));
  }

  @Test
  void cacheGeneratesOnceAndRegeneratesWhenCorruptOrIncomplete() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Path target = dir.resolve(SyntheticClassificationGenerator.directoryName(SPEC));
    Runnable ensure = () -> DatasetCache.ensure(target, "test set", d -> {
      runs.incrementAndGet();
      SyntheticClassificationGenerator.generate(SPEC, d, 2);
    });
    ensure.run();
    assertEquals(1, runs.get());
    assertNull(DatasetCache.problem(target));
    ensure.run();
    assertEquals(1, runs.get(), "an intact cache is reused");

    Path victim = target.resolve("train/01_square/01_square_00002.JPEG");
    byte[] original = Files.readAllBytes(victim);
    Files.write(victim, java.util.Arrays.copyOf(original, original.length - 10));
    assertTrue(DatasetCache.problem(target).startsWith("corrupt"));
    ensure.run();
    assertEquals(2, runs.get(), "a truncated file triggers regeneration");
    assertArrayEquals(original, Files.readAllBytes(victim));

    Files.delete(target.resolve(DatasetCache.MARKER)); // as if killed before the marker was written
    ensure.run();
    assertEquals(3, runs.get(), "a set without its marker is regenerated");
    assertNull(DatasetCache.problem(target));
  }
}
