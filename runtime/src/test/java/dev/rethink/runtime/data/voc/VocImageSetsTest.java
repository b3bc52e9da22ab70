package dev.rethink.runtime.data.voc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.Instance;
import dev.rethink.runtime.data.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocImageSetsTest {
  @TempDir
  Path devkit;

  private static final List<String> CLASSES = List.of("cat", "dog");

  private void image(String year, String id, String objects) throws Exception {
    Path y = devkit.resolve(year);
    Files.createDirectories(y.resolve("Annotations"));
    Files.createDirectories(y.resolve("JPEGImages"));
    ImageFiles.writeJpeg(new BufferedImage(20, 10, BufferedImage.TYPE_3BYTE_BGR), 0.9f,
        y.resolve("JPEGImages").resolve(id + ".jpg"));
    Files.writeString(y.resolve("Annotations").resolve(id + ".xml"), "<annotation><filename>" + id
        + ".jpg</filename><size><width>20</width><height>10</height><depth>3</depth></size>" + objects
        + "</annotation>");
  }

  private static String object(String name, int difficult, int xmin, int ymin, int xmax, int ymax) {
    return "<object><name>" + name + "</name><truncated>0</truncated><difficult>" + difficult
        + "</difficult><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin + "</ymin><xmax>" + xmax + "</xmax><ymax>"
        + ymax + "</ymax></bndbox></object>";
  }

  private void list(String year, String name, String... ids) throws Exception {
    Path main = Files.createDirectories(devkit.resolve(year).resolve("ImageSets/Main"));
    Files.writeString(main.resolve(name + ".txt"), String.join("\n", ids) + "\n");
  }

  @Test
  void combinesYearsKeepsDifficultAndConvertsCorners() throws Exception {
    image("VOC2007", "000005", object("dog", 0, 1, 1, 20, 10) + object("cat", 1, 5, 3, 8, 4));
    image("VOC2007", "000007", "");
    image("VOC2012", "2008_000002", object("cat", 0, 2, 2, 3, 3));
    list("VOC2007", "trainval", "000005", "000007");
    list("VOC2012", "train", "2008_000002");
    DetectionSet set = VocImageSets.read(devkit, List.of("VOC2007/trainval", "VOC2012/train"), CLASSES);
    assertEquals(3, set.images().size());
    assertEquals("VOC2012/2008_000002", set.images().get(2).name());
    assertEquals(List.of(1L, 2L), set.categoryIds());
    Instance whole = set.images().get(0).instances().get(0);
    assertEquals(1, whole.label());
    // Pixels 1..20 x 1..10 (1-based, inclusive) are the whole 20x10 image: [0, 0, 20, 10] as Detectron2 loads it.
    assertArrayEquals(new double[] {0, 0, 20, 10}, whole.box(), 0);
    Instance hard = set.images().get(0).instances().get(1);
    assertTrue(hard.difficult());
    assertFalse(whole.difficult());
    assertArrayEquals(new double[] {4, 2, 8, 4}, hard.box(), 0);
    assertEquals(8, hard.area(), 0);
    assertTrue(set.images().get(1).instances().isEmpty());
  }

  @Test
  void badFilesAreErrorsNamingThem() throws Exception {
    image("VOC2007", "000001", object("horse", 0, 1, 1, 5, 5));
    list("VOC2007", "a", "000001");
    DataException unknown = assertThrows(DataException.class,
        () -> VocImageSets.read(devkit, List.of("VOC2007/a"), CLASSES));
    assertTrue(unknown.getMessage().contains("000001.xml") && unknown.getMessage().contains("horse"),
        unknown.getMessage());

    image("VOC2007", "000002", object("cat", 0, 6, 1, 5, 5));
    list("VOC2007", "b", "000002");
    DataException degenerate = assertThrows(DataException.class,
        () -> VocImageSets.read(devkit, List.of("VOC2007/b"), CLASSES));
    assertTrue(degenerate.getMessage().contains("000002.xml: object 0: degenerate box"), degenerate.getMessage());

    image("VOC2007", "000003", "<object>");
    list("VOC2007", "c", "000003");
    DataException malformed = assertThrows(DataException.class,
        () -> VocImageSets.read(devkit, List.of("VOC2007/c"), CLASSES));
    assertTrue(malformed.getMessage().contains("000003.xml: malformed XML"), malformed.getMessage());

    list("VOC2007", "d", "000004");
    DataException missing = assertThrows(DataException.class,
        () -> VocImageSets.read(devkit, List.of("VOC2007/d"), CLASSES));
    assertTrue(missing.getMessage().contains("000004.jpg"), missing.getMessage());
    DataException noList = assertThrows(DataException.class,
        () -> VocImageSets.read(devkit, List.of("VOC2007/none"), CLASSES));
    assertTrue(noList.getMessage().contains("none.txt"), noList.getMessage());
  }
}
