package dev.rethink.runtime.data.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.ImageBatch;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderClassificationDataTest {
  @TempDir
  Path dir;

  private static final ClassificationInput INPUT = new ClassificationInput(8, false, true);
  private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE};
  private static final String[] CLASSES = {"ant", "bee", "cat"};

  /**
   * A hand-made folder: class k is a solid colour (red, green, blue) PNG whose bottom row is grey level 10i for
   * image i, so images of a class differ. Training: 4 + 5 + 6 images; evaluation: 2 per class.
   */
  private Path makeFolder() throws Exception {
    Path root = dir.resolve("set");
    for (int k = 0; k < 3; k++) {
      for (String split : new String[] {"train", "val"}) {
        Path classDir = Files.createDirectories(root.resolve(split).resolve(CLASSES[k]));
        int n = split.equals("train") ? 4 + k : 2;
        for (int i = 0; i < n; i++) {
          BufferedImage im = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
          Graphics2D g = im.createGraphics();
          g.setColor(COLOURS[k]);
          g.fillRect(0, 0, 8, 8);
          g.setColor(new Color(i * 10, i * 10, i * 10));
          g.fillRect(0, 7, 8, 1);
          g.dispose();
          ImageFiles.writePng(im, classDir.resolve("img" + i + ".png"));
        }
      }
    }
    Files.writeString(root.resolve("train/ant/notes.txt"), "not an image"); // ignored, as torchvision does
    return root;
  }

  private static PipelineSettings settings(int threads, boolean cache) {
    return new PipelineSettings(threads, 3, cache ? PipelineSettings.DEFAULT_DECODED_CACHE_BYTES : 0);
  }

  /** The class whose colour the batch's image {@code i} shows, read off the normalized red/green/blue levels. */
  private static int colourClass(ImageBatch b, int i) {
    int p = i * b.height() * b.width() * 3; // top-left pixel
    float[] px = Arrays.copyOfRange(b.pixels(), p, p + 3);
    int best = 0;
    for (int c = 1; c < 3; c++) {
      if (px[c] > px[best]) {
        best = c;
      }
    }
    return best;
  }

  @Test
  void readsCountsClassesAndLabels() throws Exception {
    FolderClassificationData data = new FolderClassificationData(
        ImageFolderLayout.scan(makeFolder(), "train", "val"), INPUT, settings(2, true));
    assertTrue(data.decodedInMemory());
    assertEquals(List.of("ant", "bee", "cat"), data.classNames());
    assertEquals(15, data.trainSize());
    assertEquals(6, data.evalSize());
    try (BatchStream<ImageBatch> eval = data.eval(4)) {
      ImageBatch b1 = eval.next();
      ImageBatch b2 = eval.next();
      assertNull(eval.next());
      assertEquals(4, b1.size());
      assertEquals(2, b2.size(), "the last evaluation batch is smaller");
      assertArrayEquals(new int[] {0, 0, 1, 1}, b1.labels());
      assertArrayEquals(new int[] {2, 2}, b2.labels());
      for (int i = 0; i < 4; i++) {
        assertEquals(b1.labels()[i], colourClass(b1, i));
      }
      // Pure red (255, 0, 0) normalized by hand: (1 - 0.485) / 0.229, (0 - 0.456) / 0.224.
      assertEquals(2.2489083, b1.pixels()[0], 1e-4);
      assertEquals(-2.0357143, b1.pixels()[1], 1e-4);
    }
    try (BatchStream<ImageBatch> train = data.train(1, 5, 0)) {
      int[] perClass = new int[3];
      for (int b = 0; b < 3; b++) { // 15 positions = exactly epoch 0
        ImageBatch batch = train.next();
        for (int i = 0; i < 5; i++) {
          assertEquals(batch.labels()[i], colourClass(batch, i));
          perClass[batch.labels()[i]]++;
        }
      }
      assertArrayEquals(new int[] {4, 5, 6}, perClass, "an epoch visits every training image once");
    }
  }

  /** Batch contents as comparable lists. */
  private static List<String> take(BatchStream<ImageBatch> s, int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ImageBatch b = s.next();
      out.add(Arrays.toString(b.labels()) + Arrays.hashCode(b.pixels()));
    }
    return out;
  }

  @Test
  void orderIsDeterministicAcrossRunsThreadCountsAndCaching() throws Exception {
    ImageFolderLayout layout = ImageFolderLayout.scan(makeFolder(), "train", "val");
    FolderClassificationData oneThread = new FolderClassificationData(layout, INPUT, settings(1, true));
    FolderClassificationData threeThreads = new FolderClassificationData(layout, INPUT, settings(3, true));
    FolderClassificationData streaming = new FolderClassificationData(layout, INPUT, settings(4, false));
    assertFalse(streaming.decodedInMemory());
    List<String> reference;
    try (BatchStream<ImageBatch> s = oneThread.train(42, 4, 0)) {
      reference = take(s, 12); // 48 positions: crosses epoch boundaries at 15, 30, 45
    }
    try (BatchStream<ImageBatch> s = oneThread.train(42, 4, 0)) {
      assertEquals(reference, take(s, 12));
    }
    try (BatchStream<ImageBatch> s = threeThreads.train(42, 4, 0)) {
      assertEquals(reference, take(s, 12));
    }
    try (BatchStream<ImageBatch> s = streaming.train(42, 4, 0)) {
      assertEquals(reference, take(s, 12));
      assertTrue(s.waitSeconds() >= 0);
    }
    try (BatchStream<ImageBatch> s = oneThread.train(43, 4, 0)) {
      assertFalse(reference.equals(take(s, 12)), "another seed gives another order");
    }
    try (BatchStream<ImageBatch> s = threeThreads.train(42, 4, 7)) {
      assertEquals(reference.subList(7, 12), take(s, 5), "starting at batch 7 equals skipping 7 batches");
    }
  }

  @Test
  void epochsArePermutationsDrawnFromSeedAndEpoch() throws Exception {
    ImageFolderLayout layout = ImageFolderLayout.scan(makeFolder(), "train", "val");
    FolderClassificationData data = new FolderClassificationData(layout, new ClassificationInput(8, false, false),
        settings(2, true));
    try (BatchStream<ImageBatch> s = data.train(5, 15, 0)) {
      List<String> epochs = new ArrayList<>();
      for (int e = 0; e < 3; e++) {
        ImageBatch b = s.next();
        int[] sorted = b.labels().clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2}, sorted);
        epochs.add(Arrays.toString(b.labels()) + Arrays.hashCode(b.pixels()));
      }
      assertEquals(3, epochs.stream().distinct().count(), "each epoch has its own order");
    }
  }

  @Test
  void missingFolderAndEmptyClassAreErrorsNamingThePath() throws Exception {
    Path root = makeFolder();
    DataException missing = assertThrows(DataException.class,
        () -> ImageFolderLayout.scan(dir.resolve("nowhere"), "train", "val"));
    assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());
    Files.createDirectories(root.resolve("train/dog"));
    DataException empty = assertThrows(DataException.class, () -> ImageFolderLayout.scan(root, "train", "val"));
    assertTrue(empty.getMessage().contains("train/dog"), empty.getMessage());
    Files.delete(root.resolve("train/dog"));
    Files.createDirectories(root.resolve("val/eel"));
    DataException unknown = assertThrows(DataException.class, () -> ImageFolderLayout.scan(root, "train", "val"));
    assertTrue(unknown.getMessage().contains("val/eel"), unknown.getMessage());
  }

  @Test
  void corruptJpegIsAnErrorNamingTheFile() throws Exception {
    Path root = makeFolder();
    BufferedImage im = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
    Path good = root.resolve("train/bee/photo.JPEG");
    ImageFiles.writeJpeg(im, 0.9f, good);
    byte[] bytes = Files.readAllBytes(good);
    Files.write(good, Arrays.copyOf(bytes, bytes.length / 2)); // truncated mid-scan
    ImageFolderLayout layout = ImageFolderLayout.scan(root, "train", "val");
    DataException upFront = assertThrows(DataException.class,
        () -> new FolderClassificationData(layout, INPUT, settings(2, true)));
    assertTrue(upFront.getMessage().contains("photo.JPEG"), upFront.getMessage());

    FolderClassificationData streaming = new FolderClassificationData(layout, INPUT, settings(2, false));
    try (BatchStream<ImageBatch> s = streaming.train(0, 16, 0)) { // 16 training images: the first batch holds every one
      DataException late = assertThrows(DataException.class, s::next);
      assertTrue(late.getMessage().contains("photo.JPEG"), late.getMessage());
    }
  }
}
