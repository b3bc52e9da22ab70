package dev.rethink.runtime.data.synthetic;

import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.runtime.data.Seeds;
import dev.rethink.runtime.data.image.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a {@link SyntheticClassification} set as ImageNet-style folders: {@code train/<class>/<class>_<i>.JPEG}
 * and {@code val/<class>/...}. Image {@code i} of class {@code k} in split {@code s} is drawn from a generator
 * seeded with {@code (seed, s, k, i)} alone, so the files are the same whatever the thread count.
 */
public final class SyntheticClassificationGenerator {

  /** Bumped whenever drawing changes, so caches of an older generator are not reused. */
  public static final int VERSION = 1;

  /** JPEG quality of generated images: high, like the ImageNet and COCO originals. */
  public static final float JPEG_QUALITY = 0.92f;

  private SyntheticClassificationGenerator() {}

  /** The cache sub-directory of {@code spec}: every parameter that changes the files is in its name. */
  public static String directoryName(SyntheticClassification spec) {
    return String.format(Locale.ROOT, "classification-%s-%dc-%dx%d-%dpx-seed%d-v%d",
        spec.task().name().toLowerCase(Locale.ROOT), spec.classes(), spec.trainPerClass(), spec.valPerClass(),
        spec.imageSize(), spec.seed(), VERSION);
  }

  /** Generates {@code spec} into the (empty) directory {@code dir} on {@code threads} threads. */
  public static void generate(SyntheticClassification spec, Path dir, int threads) {
    List<String> classes = ClassificationScenes.classNames(spec.task(), spec.classes());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "synthetic-classification");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> work = new ArrayList<>();
      String[] splits = {"train", "val"};
      int[] counts = {spec.trainPerClass(), spec.valPerClass()};
      for (int s = 0; s < splits.length; s++) {
        for (int k = 0; k < classes.size(); k++) {
          Path classDir = dir.resolve(splits[s]).resolve(classes.get(k));
          Files.createDirectories(classDir);
          for (int i = 0; i < counts[s]; i++) {
            long seed = Seeds.mix(spec.seed(), s, k, i);
            int cls = k;
            Path file = classDir.resolve(String.format(Locale.ROOT, "%s_%05d.JPEG", classes.get(k), i));
            work.add(pool.submit(() -> ImageFiles.writeJpeg(ClassificationScenes.render(spec.task(), cls,
                spec.imageSize(), new SplittableRandom(seed)), JPEG_QUALITY, file)));
          }
        }
      }
      for (Future<?> f : work) {
        f.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("generating " + spec + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating " + spec, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
