package dev.rethink.runtime.data.folder;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.ImageBatch;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.Seeds;
import dev.rethink.runtime.data.image.ImageFiles;
import dev.rethink.runtime.data.image.RgbImage;
import dev.rethink.runtime.data.pipeline.BatchJob;
import dev.rethink.runtime.data.pipeline.EpochOrder;
import dev.rethink.runtime.data.pipeline.PrefetchStream;
import dev.rethink.runtime.data.transform.ClassificationTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/**
 * An {@link ImageFolderLayout} as {@link ClassificationData}. Training batches follow {@link EpochOrder}; an
 * image's augmentation draws from {@code (seed, epoch, image)}. A set whose decoded pixels fit the cache budget is decoded once, when opened
 * (so every corrupt file is reported up front), and augmented from memory afterwards.
 */
public final class FolderClassificationData implements ClassificationData {

  /**
   * Decoded bytes per file byte assumed when deciding whether a set fits in memory: above what JPEG at
   * quality ~90 compresses natural images by, so the estimate errs towards streaming.
   */
  public static final int ASSUMED_EXPANSION = 10;

  private static final long AUGMENTATION_STREAM = 2;

  private final ImageFolderLayout layout;
  private final ClassificationTransform transform;
  private final PipelineSettings settings;
  private final RgbImage[] trainImages;
  private final RgbImage[] evalImages;

  public FolderClassificationData(ImageFolderLayout layout, ClassificationInput input, PipelineSettings settings) {
    this.layout = layout;
    this.transform = new ClassificationTransform(input);
    this.settings = settings;
    long fileBytes = 0;
    for (ImageFolderLayout.LabeledFile f : layout.train()) {
      fileBytes += f.bytes();
    }
    for (ImageFolderLayout.LabeledFile f : layout.eval()) {
      fileBytes += f.bytes();
    }
    if (fileBytes * ASSUMED_EXPANSION <= settings.decodedCacheBytes()) {
      RgbImage[] all = decodeAll(layout, settings.threads());
      this.trainImages = Arrays.copyOfRange(all, 0, layout.train().size());
      this.evalImages = Arrays.copyOfRange(all, layout.train().size(), all.length);
    } else {
      this.trainImages = null;
      this.evalImages = null;
    }
  }

  /** Whether the images were decoded once and are kept in memory. */
  public boolean decodedInMemory() {
    return trainImages != null;
  }

  @Override
  public List<String> classNames() {
    return layout.classNames();
  }

  @Override
  public Optional<Path> location() {
    return Optional.of(layout.root());
  }

  @Override
  public int trainSize() {
    return layout.train().size();
  }

  @Override
  public int evalSize() {
    return layout.eval().size();
  }

  @Override
  public BatchStream<ImageBatch> train(long seed, int batchSize, long startBatch) {
    if (batchSize < 1 || startBatch < 0) {
      throw new IllegalArgumentException("batch size " + batchSize + " and start batch " + startBatch);
    }
    int n = trainSize();
    EpochOrder order = new EpochOrder(seed, n);
    LongFunction<BatchJob<ImageBatch>> jobs = b -> {
      int[] images = new int[batchSize];
      long[] epochs = new long[batchSize];
      for (int i = 0; i < batchSize; i++) {
        long p = b * batchSize + i;
        epochs[i] = order.epoch(p);
        images[i] = order.item(p);
      }
      return new Job(batchSize, (i, out, offset) -> {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, AUGMENTATION_STREAM, epochs[i], images[i]));
        transform.train(trainImage(images[i]), random, out, offset);
        return layout.train().get(images[i]).label();
      });
    };
    return new PrefetchStream<>("train", settings.threads(), settings.prefetchBatches(), startBatch,
        Long.MAX_VALUE, jobs);
  }

  @Override
  public BatchStream<ImageBatch> eval(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize);
    }
    int n = evalSize();
    long batches = (n + batchSize - 1) / batchSize;
    LongFunction<BatchJob<ImageBatch>> jobs = b -> {
      int from = (int) (b * batchSize);
      int size = Math.min(batchSize, n - from);
      return new Job(size, (i, out, offset) -> {
        transform.eval(evalImage(from + i), out, offset);
        return layout.eval().get(from + i).label();
      });
    };
    return new PrefetchStream<>("eval", settings.threads(), settings.prefetchBatches(), 0, batches,
        jobs);
  }

  private RgbImage trainImage(int i) {
    return trainImages != null ? trainImages[i] : ImageFiles.read(layout.train().get(i).file());
  }

  private RgbImage evalImage(int i) {
    return evalImages != null ? evalImages[i] : ImageFiles.read(layout.eval().get(i).file());
  }

  private static RgbImage[] decodeAll(ImageFolderLayout layout, int threads) {
    List<ImageFolderLayout.LabeledFile> files = new ArrayList<>(layout.train());
    files.addAll(layout.eval());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "decode-" + layout.root().getFileName());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<RgbImage>> futures = new ArrayList<>();
      for (ImageFolderLayout.LabeledFile f : files) {
        futures.add(pool.submit(() -> ImageFiles.read(f.file())));
      }
      RgbImage[] out = new RgbImage[files.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = futures.get(i).get();
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DataException d) {
        throw new DataException(d.getMessage(), d);
      }
      throw new DataException(layout.root() + ": decoding failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException(layout.root() + ": interrupted while decoding", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Writes one transformed image at {@code out[offset]} and returns its label. */
  private interface ImageTask {
    int run(int i, float[] out, int offset);
  }

  private final class Job implements BatchJob<ImageBatch> {
    private final int size;
    private final ImageTask task;
    private final float[] pixels;
    private final int[] labels;

    Job(int size, ImageTask task) {
      this.size = size;
      this.task = task;
      this.pixels = new float[size * transform.floatsPerImage()];
      this.labels = new int[size];
    }

    @Override
    public int items() {
      return size;
    }

    @Override
    public void item(int i) {
      labels[i] = task.run(i, pixels, i * transform.floatsPerImage());
    }

    @Override
    public ImageBatch finish() {
      return new ImageBatch(size, transform.size(), transform.size(), pixels, labels);
    }
  }
}
