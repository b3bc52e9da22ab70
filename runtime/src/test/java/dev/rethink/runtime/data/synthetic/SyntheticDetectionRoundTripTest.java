package dev.rethink.runtime.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.runtime.data.coco.CocoAnnotationFile;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.ImageRecord;
import dev.rethink.runtime.data.detection.Instance;
import dev.rethink.runtime.data.image.ImageFiles;
import dev.rethink.runtime.data.voc.VocImageSets;
import dev.rethink.runtime.mask.Rle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDetectionRoundTripTest {
  @TempDir
  Path dir;

  private static final SyntheticCoco INSTANCES = SyntheticCoco.instances(16, 4, 96, 21);

  @Test
  void masksReadBackAreExactlyThePixelsDrawn() throws Exception {
    SyntheticDetectionGenerator.generateCoco(INSTANCES, dir, 2);
    DetectionSet train = CocoAnnotationFile.read(dir.resolve("annotations/instances_train.json"), dir.resolve("train"));
    assertEquals(16, train.images().size());
    assertEquals(DetectionScenes.CLASS_NAMES, train.classNames());
    assertEquals(List.of(1L, 2L, 3L, 5L, 7L, 8L, 11L, 13L, 17L, 19L), train.categoryIds());
    int checked = 0;
    for (int i = 0; i < 16; i++) {
      ImageRecord im = train.images().get(i);
      DetectionScenes.Scene scene = SyntheticDetectionGenerator.scene(INSTANCES.seed(), 0, i, 96, false);
      assertEquals(scene.image().getWidth(), im.width());
      assertEquals(scene.annotations().size(), im.instances().size());
      for (int a = 0; a < im.instances().size(); a++) {
        Instance in = im.instances().get(a);
        Rle rle = in.segmentation().toRle(im.height(), im.width());
        boolean[] mask = rle.decodeRowMajor();
        for (int p = 0; p < mask.length; p++) {
          assertEquals(scene.owner()[p] == a, mask[p], "image " + i + " annotation " + a + " pixel " + p);
        }
        assertEquals(rle.area(), in.area(), 0);
        double[] box = rle.toBbox(); // pycocotools toBbox: [x, y, w, h] of the mask
        assertArrayEquals(new double[] {box[0], box[1], box[0] + box[2], box[1] + box[3]}, in.box(), 0);
        assertEquals(scene.annotations().get(a).label(), in.label());
        checked++;
      }
      assertEquals(scene.image().getWidth(), ImageFiles.read(im.file()).width());
    }
    assertTrue(checked > 40, "annotations checked: " + checked);

    // The file uses all three of COCO's mask forms.
    JsonNode json = new ObjectMapper().readTree(dir.resolve("annotations/instances_train.json").toFile());
    int polygons = 0;
    int compressed = 0;
    int uncompressed = 0;
    for (JsonNode a : json.get("annotations")) {
      JsonNode s = a.get("segmentation");
      polygons += s.isArray() ? 1 : 0;
      compressed += s.isObject() && s.get("counts").isTextual() ? 1 : 0;
      uncompressed += s.isObject() && s.get("counts").isArray() ? 1 : 0;
      assertEquals(s.isObject() && s.get("counts").isArray(), a.get("iscrowd").asInt() == 1);
    }
    assertTrue(polygons > 0 && compressed > 0 && uncompressed > 0, polygons + " " + compressed + " " + uncompressed);
    long png = Files.list(dir.resolve("train")).filter(p -> p.toString().endsWith(".png")).count();
    assertTrue(png >= 1, "one image in ten is a PNG");
  }

  @Test
  void writtenMasksUseCocoCompressedStrings() {
    // The 3x4 mask whose column-major runs are [3, 5, 1, 1, 2] (ones: rows 0-1 of columns 1-2, row 2 of column
    // 1, row 0 of column 3), encoded by hand as in CocoAnnotationFileTest: "351L1".
    boolean[] rowMajor = {false, true, true, true, false, true, true, false, false, true, false, false};
    assertEquals("351L1", Footprint.rle(rowMajor, 4, 3).toCompressedString());
  }

  @Test
  void keypointsLieOnTheirFigureAndFollowCocoConventions() throws Exception {
    SyntheticCoco spec = SyntheticCoco.personKeypoints(6, 2, 128, 5);
    SyntheticDetectionGenerator.generateCoco(spec, dir, 2);
    DetectionSet train = CocoAnnotationFile.read(dir.resolve("annotations/person_keypoints_train.json"),
        dir.resolve("train"));
    assertEquals(List.of("person"), train.classNames());
    assertEquals(17, train.keypoints().size());
    int visible = 0;
    for (int i = 0; i < 6; i++) {
      ImageRecord im = train.images().get(i);
      DetectionScenes.Scene scene = SyntheticDetectionGenerator.scene(spec.seed(), 0, i, 128, true);
      for (int a = 0; a < im.instances().size(); a++) {
        float[] kp = im.instances().get(a).keypoints();
        for (int k = 0; k < 17; k++) {
          if (kp[k * 3 + 2] == 2) {
            // COCO stores the pixel index; the reader adds 0.5, so floor() is the pixel that shows the keypoint.
            int x = (int) Math.floor(kp[k * 3]);
            int y = (int) Math.floor(kp[k * 3 + 1]);
            assertEquals(a, scene.owner()[y * im.width() + x], "visible keypoint " + k + " of annotation " + a);
            visible++;
          }
        }
      }
    }
    assertTrue(visible > 20, "visible keypoints: " + visible);
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void generationIsDeterministicFromTheSeed() throws Exception {
    SyntheticCoco small = SyntheticCoco.instances(6, 2, 64, 3);
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Path c = Files.createDirectories(dir.resolve("c"));
    SyntheticDetectionGenerator.generateCoco(small, a, 1);
    SyntheticDetectionGenerator.generateCoco(small, b, 2);
    SyntheticDetectionGenerator.generateCoco(SyntheticCoco.instances(6, 2, 64, 4), c, 2);
    assertEquals(files(a), files(b));
    for (Path f : files(a)) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f.toString());
    }
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("annotations/instances_train.json")),
        Files.readAllBytes(c.resolve("annotations/instances_train.json"))));
  }

  @Test
  void vocSetReadsBackThroughTheVocReader() throws Exception {
    SyntheticVoc spec = new SyntheticVoc(6, 3, 96, 8);
    SyntheticDetectionGenerator.generateVoc(spec, dir, 2);
    DetectionSet train = VocImageSets.read(dir, List.of("VOC2007/trainval", "VOC2012/train"),
        DetectionScenes.CLASS_NAMES);
    DetectionSet val = VocImageSets.read(dir, List.of("VOC2012/val"), DetectionScenes.CLASS_NAMES);
    assertEquals(6, train.images().size());
    assertEquals(3, val.images().size());
    assertEquals("VOC2007/2007_t00000", train.images().get(0).name());
    assertEquals("VOC2012/2012_t00003", train.images().get(3).name());
    for (int i = 0; i < 6; i++) {
      ImageRecord im = train.images().get(i);
      DetectionScenes.Scene scene = SyntheticDetectionGenerator.scene(spec.seed(), 0, i, 96, false);
      List<DetectionScenes.Annotated> objects = scene.annotations().stream().filter(x -> !x.crowd()).toList();
      assertEquals(objects.size(), im.instances().size());
      for (int a = 0; a < objects.size(); a++) {
        // The tight box of the drawn pixels, converted as Detectron2 converts VOC's 1-based corners.
        int[] box = Footprint.box(objects.get(a).visible(), im.width(), im.height());
        assertArrayEquals(new double[] {box[0], box[1], box[2], box[3]}, im.instances().get(a).box(), 0);
      }
    }
  }
}
