package dev.rethink.runtime.data.detection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.image.ImageFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetDetectionDataTest {
  @TempDir
  Path dir;

  /** Shorter side from [16, 24] in training, 20 in evaluation, longer side at most 40, padding to 32. */
  private static final DetectionInput INPUT = new DetectionInput(16, 24, 20, 40, true, 32);

  /** Images of three shapes, each with a white square object on black whose polygon is its mask, and a crowd. */
  private DetectionSet set(int n) throws Exception {
    int[][] sizes = {{40, 30}, {30, 40}, {50, 20}};
    List<ImageRecord> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int w = sizes[i % 3][0];
      int h = sizes[i % 3][1];
      BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = im.createGraphics();
      g.setColor(Color.WHITE);
      g.fillRect(4, 4, 8, 8);
      g.dispose();
      Path file = dir.resolve("im" + i + ".png");
      ImageFiles.writePng(im, file);
      Instance square = new Instance(10L * i, i % 2, new double[] {4, 4, 12, 12}, 64, false, false,
          new Segmentation.PolygonMask(List.of(new double[] {4, 4, 12, 4, 12, 12, 4, 12})), null);
      Instance crowd = new Instance(10L * i + 1, 1, new double[] {0, 0, 3, 3}, 9, true, false, null, null);
      images.add(new ImageRecord(100 + i, "im" + i, file, w, h, List.of(square, crowd)));
    }
    return new DetectionSet("test", List.of("a", "b"), List.of(1L, 2L), null, images, Map.of());
  }

  private static PipelineSettings settings(int threads, boolean cache) {
    return new PipelineSettings(threads, 2, cache ? PipelineSettings.DEFAULT_DECODED_CACHE_BYTES : 0);
  }

  private static String digest(DetectionBatch b) {
    return b.height() + "x" + b.width() + Arrays.toString(b.imageIds()) + Arrays.hashCode(b.pixels())
        + Arrays.hashCode(b.boxes()) + Arrays.hashCode(b.masks()) + Arrays.toString(b.flipped());
  }

  private static List<String> take(BatchStream<DetectionBatch> s, int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(digest(s.next()));
    }
    return out;
  }

  @Test
  void batchesPadImagesOfDifferentSizesToAMultipleOf32() throws Exception {
    SetDetectionData data = new SetDetectionData(set(6), set(3), null, INPUT, settings(2, true));
    assertTrue(data.decodedInMemory());
    assertEquals(1, data.maxInstances());
    try (BatchStream<DetectionBatch> s = data.train(3, 3, 0)) {
      for (int b = 0; b < 4; b++) {
        DetectionBatch batch = s.next();
        int maxH = 0;
        int maxW = 0;
        for (int i = 0; i < 3; i++) {
          int h = batch.imageHeights()[i];
          int w = batch.imageWidths()[i];
          maxH = Math.max(maxH, h);
          maxW = Math.max(maxW, w);
          int shorter = Math.min(h, w);
          assertTrue((shorter >= 16 && shorter <= 24) || Math.max(h, w) == 40, h + "x" + w);
          assertEquals(1, batch.instanceCounts()[i], "the crowd region is not a training target");
          // Padding (right of the image) is zero; the image itself is not.
          int row = (i * batch.height()) * batch.width() * 3;
          assertEquals(0f, batch.pixels()[row + (batch.width() - 1) * 3]);
          assertTrue(batch.pixels()[row] != 0f);
          // The square's box mask is full: the polygon is the box.
          int m = batch.maskSize();
          float[] mask = Arrays.copyOfRange(batch.masks(), i * batch.maxInstances() * m * m,
              i * batch.maxInstances() * m * m + m * m);
          for (float v : mask) {
            assertEquals(1f, v);
          }
        }
        assertEquals((maxH + 31) / 32 * 32, batch.height());
        assertEquals((maxW + 31) / 32 * 32, batch.width());
        assertEquals(DetectionBatch.BOX_MASK_SIZE, batch.maskSize());
        assertEquals(1, batch.maxInstances(), "one slot: the most non-crowd instances of a training image");
        assertEquals(0, batch.numKeypoints());
      }
    }
  }

  @Test
  void evalIsInOrderAtTheTestSizeUnflipped() throws Exception {
    SetDetectionData data = new SetDetectionData(set(3), set(3), null, INPUT, settings(2, true));
    try (BatchStream<DetectionBatch> s = data.eval(2)) {
      DetectionBatch first = s.next();
      DetectionBatch second = s.next();
      assertNull(s.next());
      assertArrayEquals(new long[] {100, 101}, first.imageIds());
      assertArrayEquals(new long[] {102}, second.imageIds());
      // 40x30 at shorter side 20: 26.67 -> 27 x 20; 30x40 -> 20 x 27; 50x20 -> 50 x 20 capped at 40 -> 40 x 16.
      assertArrayEquals(new int[] {27, 20}, first.imageWidths());
      assertArrayEquals(new int[] {20, 27}, first.imageHeights());
      assertArrayEquals(new int[] {40}, second.imageWidths());
      assertArrayEquals(new int[] {16}, second.imageHeights());
      assertFalse(first.flipped()[0] || first.flipped()[1]);
      assertEquals(0, first.maskSize());
      // The square [4, 12] scaled by 20/30 (height) and 27/40 (width).
      assertArrayEquals(new float[] {4 * 27f / 40, 4 * 20f / 30, 12 * 27f / 40, 12 * 20f / 30},
          Arrays.copyOf(first.boxes(), 4), 1e-4f);
    }
  }

  @Test
  void orderIsDeterministicAcrossThreadsCachingAndResumption() throws Exception {
    DetectionSet train = set(5);
    List<String> reference;
    try (BatchStream<DetectionBatch> s = new SetDetectionData(train, set(1), null, INPUT, settings(1, true)).train(9, 2, 0)) {
      reference = take(s, 8);
    }
    try (BatchStream<DetectionBatch> s = new SetDetectionData(train, set(1), null, INPUT, settings(3, false)).train(9, 2,
        0)) {
      assertEquals(reference, take(s, 8));
    }
    try (BatchStream<DetectionBatch> s = new SetDetectionData(train, set(1), null, INPUT, settings(2, true)).train(9, 2,
        5)) {
      assertEquals(reference.subList(5, 8), take(s, 3));
    }
    long flips = reference.stream().filter(d -> d.contains("true")).count();
    assertTrue(flips > 0, "some images are flipped");
  }

  @Test
  void corruptOrMisSizedImagesAreErrorsNamingTheFile() throws Exception {
    DetectionSet train = set(3);
    byte[] bytes = Files.readAllBytes(dir.resolve("im1.png"));
    Files.write(dir.resolve("im1.png"), Arrays.copyOf(bytes, bytes.length / 2));
    DataException upFront = assertThrows(DataException.class,
        () -> new SetDetectionData(train, set(1), null, INPUT, settings(2, true)));
    assertTrue(upFront.getMessage().contains("im1.png"), upFront.getMessage());

    ImageFiles.writePng(new BufferedImage(7, 7, BufferedImage.TYPE_3BYTE_BGR), dir.resolve("im1.png"));
    SetDetectionData streaming = new SetDetectionData(train, set(1), null, INPUT, settings(2, false));
    try (BatchStream<DetectionBatch> s = streaming.train(0, 3, 0)) {
      DataException late = assertThrows(DataException.class, s::next);
      assertTrue(late.getMessage().contains("im1.png") && late.getMessage().contains("image 101"),
          late.getMessage());
    }
  }
}
