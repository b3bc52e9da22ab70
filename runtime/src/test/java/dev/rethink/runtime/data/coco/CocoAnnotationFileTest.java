package dev.rethink.runtime.data.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.detection.Instance;
import dev.rethink.runtime.data.detection.TrainingFilter;
import dev.rethink.runtime.data.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoAnnotationFileTest {
  @TempDir
  Path dir;
  Path images;

  @BeforeEach
  void images() throws Exception {
    images = Files.createDirectories(dir.resolve("img"));
    ImageFiles.writePng(new BufferedImage(10, 8, BufferedImage.TYPE_3BYTE_BGR), images.resolve("a.png"));
    ImageFiles.writeJpeg(new BufferedImage(3, 3, BufferedImage.TYPE_3BYTE_BGR), 0.9f, images.resolve("b.jpg"));
    ImageFiles.writePng(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), images.resolve("c.png"));
    ImageFiles.writePng(new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR), images.resolve("d.png"));
  }

  private static final String IMAGES = "\"images\": [{\"id\": 7, \"file_name\": \"a.png\", \"width\": 10, \"height\": 8},"
      + " {\"id\": 3, \"file_name\": \"b.jpg\", \"width\": 3, \"height\": 3},"
      + " {\"id\": 9, \"file_name\": \"c.png\", \"width\": 4, \"height\": 4},"
      + " {\"id\": 11, \"file_name\": \"d.png\", \"width\": 4, \"height\": 3}]";
  private static final String CATEGORIES = "\"categories\": [{\"id\": 18, \"name\": \"dog\"}, {\"id\": 1, \"name\":"
      + " \"person\"}, {\"id\": 90, \"name\": \"toothbrush\"}]";

  private Path write(String annotations) throws Exception {
    Path f = dir.resolve("instances.json");
    Files.writeString(f, "{\"info\": {\"year\": 2017}, \"licenses\": [], " + IMAGES + ", \"annotations\": ["
        + annotations + "], " + CATEGORIES + "}");
    return f;
  }

  private static boolean[] rowMajor(Instance in, ImageRecord im) {
    return in.segmentation().toRle(im.height(), im.width()).decodeRowMajor();
  }

  @Test
  void readsImagesCategoriesAndEveryMaskForm() throws Exception {
    DetectionSet set = CocoAnnotationFile.read(write(String.join(",",
        // Compressed RLE "X11W1" is counts [40, 1, 39], hand-encoded in 5-bit groups, low first, +48, bit 0x20 =
        // "more": 40 = 8 + 1·32 -> 'X' (8|32) '1'; 1 -> '1'; 39 = 7 + 1·32 -> 'W' '1' (the first three counts
        // are not delta-coded). That is only column-major pixel 40 of an 8x10 image: x = 5, y = 0.
        "{\"id\": 100, \"image_id\": 7, \"category_id\": 90, \"bbox\": [5, 0, 1, 1], \"area\": 1, \"iscrowd\": 0,"
            + " \"segmentation\": {\"size\": [8, 10], \"counts\": \"X11W1\"}}",
        // "351L1" is counts [3, 5, 1, 1, 2]: from the fourth on, counts are stored minus the count two before:
        // 1 - 5 = -4 -> 28 with the sign bit 0x10 -> 'L'; 2 - 1 = 1 -> '1'. On a 3x4 image (column-major) the ones
        // are pixels 3..7 and 9.
        "{\"id\": 103, \"image_id\": 11, \"category_id\": 18, \"bbox\": [1, 0, 3, 3], \"area\": 6,"
            + " \"iscrowd\": 0, \"segmentation\": {\"size\": [3, 4], \"counts\": \"351L1\"}}",
        // Uncompressed crowd RLE [2, 3, 4] on 3x3: column-major pixels 2, 3, 4 -> (0,2), (1,0), (1,1).
        "{\"id\": 900100000003, \"image_id\": 3, \"category_id\": 1, \"bbox\": [0, 0, 2, 3], \"area\": 3,"
            + " \"iscrowd\": 1, \"segmentation\": {\"size\": [3, 3], \"counts\": [2, 3, 4]}}",
        // Compressed "234" is the same mask.
        "{\"id\": 101, \"image_id\": 3, \"category_id\": 18, \"bbox\": [0, 0, 2, 3], \"area\": 3, \"iscrowd\": 0,"
            + " \"segmentation\": {\"size\": [3, 3], \"counts\": \"234\"}}",
        // The polygon of the rectangle (1,1)-(3,3) covers exactly the 4 pixels with centres inside it.
        "{\"id\": 102, \"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 1, 2, 2], \"area\": 4, \"iscrowd\": 0,"
            + " \"segmentation\": [[1, 1, 3, 1, 3, 3, 1, 3]]}")), images);

    assertEquals(List.of("person", "dog", "toothbrush"), set.classNames(), "labels follow increasing category id");
    assertEquals(List.of(1L, 18L, 90L), set.categoryIds());
    assertEquals(List.of(3L, 7L, 9L, 11L), set.images().stream().map(ImageRecord::id).toList(), "images by id");
    ImageRecord b = set.images().get(0);
    ImageRecord a = set.images().get(1);
    assertTrue(set.images().get(2).instances().isEmpty());

    Instance single = a.instances().get(0);
    assertEquals(2, single.label());
    boolean[] m = rowMajor(single, a);
    for (int i = 0; i < m.length; i++) {
      assertEquals(i == 5, m[i], "pixel " + i);
    }
    Instance polygon = a.instances().get(1);
    assertArrayEquals(new double[] {1, 1, 3, 3}, polygon.box(), "xywh [1, 1, 2, 2] as x0 y0 x1 y1");
    boolean[] p = rowMajor(polygon, a);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 10; x++) {
        assertEquals(x >= 1 && x < 3 && y >= 1 && y < 3, p[y * 10 + x], x + "," + y);
      }
    }
    Instance crowd = b.instances().get(0);
    assertTrue(crowd.crowd());
    assertEquals(900100000003L, crowd.id(), "COCO crowd ids exceed 32 bits");
    boolean[] expected = {false, true, false, false, true, false, true, false, false};
    assertArrayEquals(expected, rowMajor(crowd, b));
    assertArrayEquals(expected, rowMajor(b.instances().get(1), b), "compressed and uncompressed agree");
    ImageRecord d = set.images().get(3);
    assertArrayEquals(new boolean[] {false, true, true, true, false, true, true, false, false, true, false, false},
        rowMajor(d.instances().get(0), d));

    DetectionSet train = TrainingFilter.apply(set);
    assertEquals(List.of(3L, 7L, 11L), train.images().stream().map(ImageRecord::id).toList());
    assertEquals(1, train.skipped().get(TrainingFilter.NO_USABLE_INSTANCES), "image 9 has no annotation");
  }

  @Test
  void keypointsGetHalfAPixelAndAFlipMap() throws Exception {
    String names = "\"nose\", \"left_eye\", \"right_eye\"";
    Path f = dir.resolve("person_keypoints.json");
    Files.writeString(f, "{" + IMAGES + ", \"annotations\": [{\"id\": 1, \"image_id\": 9, \"category_id\": 1,"
        + " \"bbox\": [0, 0, 4, 4], \"iscrowd\": 0, \"keypoints\": [1, 1, 2, 2, 0, 1, 0, 0, 0],"
        + " \"num_keypoints\": 2}, {\"id\": 2, \"image_id\": 7, \"category_id\": 1, \"bbox\": [0, 0, 4, 4],"
        + " \"iscrowd\": 0, \"keypoints\": [0, 0, 0, 0, 0, 0, 0, 0, 0], \"num_keypoints\": 0}], \"categories\": [{\"id\": 1, \"name\": \"person\", \"keypoints\": [" + names
        + "], \"skeleton\": [[1, 2]]}]}");
    DetectionSet set = CocoAnnotationFile.read(f, images);
    assertArrayEquals(new int[] {0, 2, 1}, set.keypoints().flipIndex());
    Instance in = set.images().get(2).instances().get(0);
    assertArrayEquals(new float[] {1.5f, 1.5f, 2, 2.5f, 0.5f, 1, 0.5f, 0.5f, 0}, in.keypoints());
    assertNull(in.segmentation());
    DetectionSet train = TrainingFilter.apply(set);
    assertEquals(List.of(9L), train.images().stream().map(ImageRecord::id).toList());
    assertEquals(1, train.skipped().get(TrainingFilter.NO_KEYPOINTS), "image 7's person has no labeled keypoint");
    assertEquals(2, train.skipped().get(TrainingFilter.NO_USABLE_INSTANCES), "images 3 and 11 have no person");
  }

  private DataException fails(String annotations) throws Exception {
    Path f = write(annotations);
    return assertThrows(DataException.class, () -> CocoAnnotationFile.read(f, images));
  }

  private static void names(DataException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should name " + p);
    }
  }

  @Test
  void badAnnotationsAreErrorsNamingFileAndAnnotation() throws Exception {
    String ok = "\"bbox\": [0, 0, 2, 2], \"iscrowd\": 0";
    names(fails("{\"id\": 5, \"image_id\": 404, \"category_id\": 1, " + ok + "}"), "instances.json", "annotation 5",
        "image 404");
    names(fails("{\"id\": 6, \"image_id\": 7, \"category_id\": 2, " + ok + "}"), "instances.json", "annotation 6",
        "category 2");
    names(fails("{\"id\": 8, \"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 1, 0, 4]}"), "instances.json",
        "annotation 8", "degenerate box");
    names(fails("{\"id\": 9, \"image_id\": 7, \"category_id\": 1, \"bbox\": [1, 1, 3, -2]}"), "annotation 9",
        "degenerate box");
    names(fails("{\"id\": 10, \"image_id\": 7, \"category_id\": 1, " + ok + ", \"segmentation\": [[0, 0, 5, 5]]}"),
        "instances.json", "annotation 10", "at least 3 points");
    names(fails("{\"id\": 11, \"image_id\": 7, \"category_id\": 1, " + ok
        + ", \"segmentation\": {\"size\": [3, 3], \"counts\": [9]}}"), "annotation 11", "RLE size");
    names(fails("{\"id\": 12, \"image_id\": 3, \"category_id\": 1, " + ok
        + ", \"segmentation\": {\"size\": [3, 3], \"counts\": [2, 3]}}"), "annotation 12", "bad segmentation");
    names(fails("{\"id\": 13, \"image_id\": 7, \"category_id\": 1, " + ok + "}, {\"id\": 13, \"image_id\": 7,"
        + " \"category_id\": 1, " + ok + "}"), "annotation id 13 appears twice");
  }

  @Test
  void truncatedJsonAndMissingImagesAreErrorsNamingTheFile() throws Exception {
    Path f = write("{\"id\": 1, \"image_id\": 7, \"category_id\": 1, \"bbox\": [0, 0, 2, 2]}");
    String json = Files.readString(f);
    Files.writeString(f, json.substring(0, json.length() / 2));
    DataException truncated = assertThrows(DataException.class, () -> CocoAnnotationFile.read(f, images));
    names(truncated, "instances.json", "JSON");
    Files.writeString(f, json);
    Files.delete(images.resolve("c.png"));
    DataException missing = assertThrows(DataException.class, () -> CocoAnnotationFile.read(f, images));
    names(missing, "c.png", "image 9");
    assertFalse(missing.getMessage().isEmpty());
  }
}
