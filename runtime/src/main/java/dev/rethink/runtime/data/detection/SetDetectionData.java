package dev.rethink.runtime.data.detection;

import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.Seeds;
import dev.rethink.runtime.data.coco.SubsetIdentity;
import dev.rethink.runtime.data.image.ImageFiles;
import dev.rethink.runtime.data.image.RgbImage;
import dev.rethink.runtime.data.pipeline.BatchJob;
import dev.rethink.runtime.data.pipeline.EpochOrder;
import dev.rethink.runtime.data.pipeline.PrefetchStream;
import dev.rethink.runtime.data.transform.BoxMasks;
import dev.rethink.runtime.data.transform.DetectionTransform;
import dev.rethink.runtime.mask.Rle;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded training and evaluation {@link DetectionSet} as {@link DetectionData}, whatever format they came
 * from. A set whose decoded pixels (and box masks) fit the pipeline's cache budget is decoded once, when opened,
 * so corrupt files are reported up front and training reads from memory.
 */
public final class SetDetectionData implements DetectionData {
  /** Skip reason: instances beyond {@link DetectionBatch#DEFAULT_MAX_INSTANCES} in one training image. */
  public static final String TOO_MANY_INSTANCES = "training instances beyond the per-image maximum (smallest dropped)";

  private static final Logger LOG = LoggerFactory.getLogger(SetDetectionData.class);
  private static final long AUGMENTATION_STREAM = 0x61756700L;
  /** Decoded bytes per file byte assumed when deciding what fits in memory (see FolderClassificationData). */
  private static final int ASSUMED_EXPANSION = 10;

  private final DetectionSet train;
  private final DetectionSet eval;
  private final SubsetIdentity subset;
  private final DetectionTransform transform;
  private final PipelineSettings settings;
  private final int maskSize;
  private final int[] flipIndex;
  private final Map<String, Integer> skipped;
  private final RgbImage[] trainImages;
  private final RgbImage[] evalImages;
  private final Map<Instance, float[]> boxMasks;
  private final int maxInstances;
  private final int evalMaxInstances;

  /**
   * @param train training images (already subset and filtered)
   * @param eval evaluation images
   * @param subset the training subset's identity, or null
   */
  public SetDetectionData(DetectionSet train, DetectionSet eval, SubsetIdentity subset, DetectionInput input,
      PipelineSettings settings) {
    if (train.images().isEmpty()) {
      throw new DataException(train.source() + ": no training images left (skipped: " + train.skipped() + ")");
    }
    this.train = train;
    this.eval = eval;
    this.subset = subset;
    this.transform = new DetectionTransform(input);
    this.settings = settings;
    boolean hasMasks = train.images().stream().flatMap(i -> i.instances().stream())
        .anyMatch(i -> i.segmentation() != null);
    this.maskSize = hasMasks ? DetectionBatch.BOX_MASK_SIZE : 0;
    this.flipIndex = train.keypoints() == null ? null : train.keypoints().flipIndex();
    Map<String, Integer> all = new TreeMap<>(train.skipped());
    int tooMany = 0;
    for (ImageRecord im : train.images()) {
      long usable = im.instances().stream().filter(i -> !i.crowd()).count();
      tooMany += (int) Math.max(0, usable - DetectionBatch.DEFAULT_MAX_INSTANCES);
    }
    if (tooMany > 0) {
      all.put(TOO_MANY_INSTANCES, tooMany);
    }
    this.skipped = Map.copyOf(all);
    this.maxInstances = slots(train);
    this.evalMaxInstances = slots(eval);
    if (!skipped.isEmpty()) {
      LOG.info("{}: skipped {}", train.source(), skipped);
    }

    long bytes = 0;
    long instances = 0;
    for (ImageRecord im : train.images()) {
      bytes += fileSize(im);
      instances += im.instances().size();
    }
    for (ImageRecord im : eval.images()) {
      bytes += fileSize(im);
    }
    long needed = bytes * ASSUMED_EXPANSION + instances * maskSize * maskSize * 4L;
    if (needed <= settings.decodedCacheBytes()) {
      List<ImageRecord> everything = new ArrayList<>(train.images());
      everything.addAll(eval.images());
      RgbImage[] all2 = parallel(everything.size(), i -> () -> decode(everything.get(i)));
      this.trainImages = Arrays.copyOfRange(all2, 0, train.images().size());
      this.evalImages = Arrays.copyOfRange(all2, train.images().size(), all2.length);
      this.boxMasks = new IdentityHashMap<>();
      if (maskSize > 0) {
        List<Instance> withMasks = train.images().stream().flatMap(im -> im.instances().stream())
            .filter(in -> !in.crowd() && in.segmentation() != null).toList();
        List<ImageRecord> owners = new ArrayList<>();
        for (ImageRecord im : train.images()) {
          for (Instance in : im.instances()) {
            if (!in.crowd() && in.segmentation() != null) {
              owners.add(im);
            }
          }
        }
        float[][] computed = parallel(withMasks.size(),
            i -> () -> boxMask(owners.get(i), withMasks.get(i)), float[][]::new);
        for (int i = 0; i < computed.length; i++) {
          boxMasks.put(withMasks.get(i), computed[i]);
        }
      }
    } else {
      this.trainImages = null;
      this.evalImages = null;
      this.boxMasks = null;
    }
  }

  /** Ground-truth slots for a split: its most non-crowd instances in one image, within the default cap. */
  private static int slots(DetectionSet set) {
    long most = 1;
    for (ImageRecord im : set.images()) {
      most = Math.max(most, im.instances().stream().filter(i -> !i.crowd()).count());
    }
    return (int) Math.min(most, DetectionBatch.DEFAULT_MAX_INSTANCES);
  }

  private static long fileSize(ImageRecord im) {
    try {
      return Files.size(im.file());
    } catch (IOException e) {
      throw new DataException(im.file() + ": image " + im.id() + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Whether images were decoded once and are kept in memory. */
  public boolean decodedInMemory() {
    return trainImages != null;
  }

  @Override
  public List<String> classNames() {
    return train.classNames();
  }

  @Override
  public List<Long> categoryIds() {
    return train.categoryIds();
  }

  @Override
  public Optional<KeypointSchema> keypoints() {
    return Optional.ofNullable(train.keypoints());
  }

  @Override
  public int trainSize() {
    return train.images().size();
  }

  @Override
  public int evalSize() {
    return eval.images().size();
  }

  @Override
  public int maxInstances() {
    return maxInstances;
  }

  @Override
  public Map<String, Integer> skipped() {
    return skipped;
  }

  @Override
  public Optional<SubsetIdentity> subset() {
    return Optional.ofNullable(subset);
  }

  @Override
  public DetectionSet evalSet() {
    return eval;
  }

  /** The training split as loaded. */
  public DetectionSet trainSet() {
    return train;
  }

  @Override
  public BatchStream<DetectionBatch> train(long seed, int batchSize, long startBatch) {
    if (batchSize < 1 || startBatch < 0) {
      throw new IllegalArgumentException("batch size " + batchSize + " and start batch " + startBatch);
    }
    EpochOrder order = new EpochOrder(seed, trainSize());
    LongFunction<BatchJob<DetectionBatch>> jobs = b -> {
      int[] images = new int[batchSize];
      long[] epochs = new long[batchSize];
      for (int i = 0; i < batchSize; i++) {
        long p = b * batchSize + i;
        epochs[i] = order.epoch(p);
        images[i] = order.item(p);
      }
      return new Job(batchSize, i -> {
        ImageRecord rec = train.images().get(images[i]);
        RgbImage image = trainImages != null ? trainImages[images[i]] : decode(rec);
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, AUGMENTATION_STREAM, epochs[i], images[i]));
        return new Item(rec.id(), transform.apply(image, rec.instances(), random, maxInstances, maskSize,
            in -> maskOf(rec, in), flipIndex));
      }, maskSize, maxInstances);
    };
    return new PrefetchStream<>("detection-train", settings.threads(), settings.prefetchBatches(),
        startBatch, Long.MAX_VALUE, jobs);
  }

  @Override
  public BatchStream<DetectionBatch> eval(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize);
    }
    int n = evalSize();
    long batches = (n + batchSize - 1) / batchSize;
    LongFunction<BatchJob<DetectionBatch>> jobs = b -> {
      int from = (int) (b * batchSize);
      return new Job(Math.min(batchSize, n - from), i -> {
        ImageRecord rec = eval.images().get(from + i);
        RgbImage image = evalImages != null ? evalImages[from + i] : decode(rec);
        return new Item(rec.id(), transform.apply(image, rec.instances(), null, evalMaxInstances, 0, null,
            flipIndex));
      }, 0, evalMaxInstances);
    };
    return new PrefetchStream<>("detection-eval", settings.threads(), settings.prefetchBatches(), 0,
        batches, jobs);
  }

  private float[] maskOf(ImageRecord rec, Instance in) {
    if (in.segmentation() == null) {
      return null;
    }
    if (boxMasks != null) {
      return boxMasks.get(in);
    }
    return boxMask(rec, in);
  }

  private float[] boxMask(ImageRecord rec, Instance in) {
    try {
      Rle rle = in.segmentation().toRle(rec.height(), rec.width());
      return BoxMasks.crop(rle, in.box(), maskSize);
    } catch (IllegalArgumentException e) {
      throw new DataException(rec.file() + ": annotation " + in.id() + " of image " + rec.id() + ": bad mask: "
          + e.getMessage(), e);
    }
  }

  private static RgbImage decode(ImageRecord rec) {
    RgbImage image = ImageFiles.read(rec.file());
    if (image.width() != rec.width() || image.height() != rec.height()) {
      throw new DataException(rec.file() + ": image " + rec.id() + " is " + image.width() + "x" + image.height()
          + " but annotated as " + rec.width() + "x" + rec.height());
    }
    return image;
  }

  private RgbImage[] parallel(int n, IntFunction<Supplier<RgbImage>> task) {
    return parallel(n, task, RgbImage[]::new);
  }

  private <T> T[] parallel(int n, IntFunction<Supplier<T>> task,
      IntFunction<T[]> array) {
    ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
      Thread t = new Thread(r, "detection-decode");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Supplier<T> s = task.apply(i);
        futures.add(pool.submit(s::get));
      }
      T[] out = array.apply(n);
      for (int i = 0; i < n; i++) {
        out[i] = futures.get(i).get();
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DataException d) {
        throw new DataException(d.getMessage(), d);
      }
      throw new DataException(train.source() + ": loading failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException(train.source() + ": interrupted while loading", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One prepared image of a batch. */
  private record Item(long imageId, DetectionTransform.Prepared prepared) {}

  private interface ItemTask {
    Item run(int i);
  }

  /** A batch's images prepared in parallel, then padded and packed. */
  private final class Job implements BatchJob<DetectionBatch> {
    private final Item[] items;
    private final ItemTask task;
    private final int masks;
    private final int maxInstances;

    Job(int size, ItemTask task, int masks, int maxInstances) {
      this.items = new Item[size];
      this.task = task;
      this.masks = masks;
      this.maxInstances = maxInstances;
    }

    @Override
    public int items() {
      return items.length;
    }

    @Override
    public void item(int i) {
      items[i] = task.run(i);
    }

    @Override
    public DetectionBatch finish() {
      int n = items.length;
      int div = transform.input().sizeDivisibility();
      int maxH = 0;
      int maxW = 0;
      for (Item it : items) {
        maxH = Math.max(maxH, it.prepared().height());
        maxW = Math.max(maxW, it.prepared().width());
      }
      int height = (maxH + div - 1) / div * div;
      int width = (maxW + div - 1) / div * div;
      int k = flipIndex == null ? 0 : flipIndex.length;
      float[] pixels = new float[n * height * width * 3];
      long[] ids = new long[n];
      int[] heights = new int[n];
      int[] widths = new int[n];
      float[] scales = new float[n];
      boolean[] flipped = new boolean[n];
      int[] counts = new int[n];
      float[] boxes = new float[n * maxInstances * 4];
      int[] classes = new int[n * maxInstances];
      Arrays.fill(classes, -1);
      float[] boxMasks = new float[n * maxInstances * masks * masks];
      float[] keypoints = new float[n * maxInstances * k * 3];
      for (int i = 0; i < n; i++) {
        DetectionTransform.Prepared p = items[i].prepared();
        ids[i] = items[i].imageId();
        heights[i] = p.height();
        widths[i] = p.width();
        scales[i] = p.scale();
        flipped[i] = p.flipped();
        for (int y = 0; y < p.height(); y++) {
          System.arraycopy(p.pixels(), y * p.width() * 3, pixels, ((i * height + y) * width) * 3, p.width() * 3);
        }
        DetectionTransform.Targets t = p.targets();
        counts[i] = t.count();
        System.arraycopy(t.boxes(), 0, boxes, i * maxInstances * 4, t.count() * 4);
        System.arraycopy(t.classes(), 0, classes, i * maxInstances, t.count());
        System.arraycopy(t.masks(), 0, boxMasks, i * maxInstances * masks * masks, t.masks().length);
        System.arraycopy(t.keypoints(), 0, keypoints, i * maxInstances * k * 3, t.keypoints().length);
      }
      return new DetectionBatch(n, height, width, pixels, ids, heights, widths, scales, flipped, maxInstances,
          counts, boxes, classes, masks, boxMasks, k, keypoints);
    }
  }
}
