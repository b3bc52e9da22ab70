package dev.rethink.runtime.bench;

import dev.rethink.runtime.device.Device;
import dev.rethink.runtime.device.Devices;
import dev.rethink.runtime.device.SessionConfigs;
import dev.rethink.runtime.task.ClassificationTask;
import dev.rethink.runtime.task.DetectionFeeds;
import dev.rethink.runtime.task.Feeds;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.OutputKey;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.data.ImageBatch;
import dev.rethink.runtime.model.ModelCompiler;
import dev.rethink.runtime.report.VariantLabels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;

/**
 * Times one variant's training step and inference step on a synthetic batch of {@code batch} images of
 * {@code size × size} pixels (random pixels; for detectors a few random ground-truth boxes per image with full box
 * masks and keypoints as the model needs), so that any study variant can be measured without its dataset. The
 * first step of each kind (which includes TensorFlow's graph optimization) is reported apart; then the median of
 * {@code steps} steps after {@link #WARMUP_STEPS} more. Measures; asserts nothing.
 */
public final class VariantBenchmark {
  /** Steps run after the first and before the timed ones. */
  public static final int WARMUP_STEPS = 2;
  /** Ground-truth instances per synthetic detection image. */
  static final int INSTANCES = 4;

  private VariantBenchmark() {}

  /**
   * The figures of one measurement.
   *
   * @param variant variant name
   * @param model the model's label
   * @param batch images per step
   * @param size image side in pixels
   * @param parameters trainable scalars
   * @param buildSeconds graph construction
   * @param sessionSeconds session creation
   * @param initSeconds variable initialization
   * @param firstTrainSeconds the first training step (includes graph optimization)
   * @param trainMillis median training step over the timed steps
   * @param firstInferSeconds the first inference step
   * @param inferMillis median inference step
   * @param heapPeakBytes peak JVM heap (sum of the heap pools' peaks)
   * @param rssPeakBytes the process's peak resident set ({@code VmHWM}), or -1 where {@code /proc} is missing
   */
  public record Figures(String variant, String model, int batch, int size, long parameters, double buildSeconds,
      double sessionSeconds, double initSeconds, double firstTrainSeconds, double trainMillis,
      double firstInferSeconds, double inferMillis, long heapPeakBytes, long rssPeakBytes) {

    public double trainImagesPerSecond() {
      return 1000.0 * batch / trainMillis;
    }

    public double inferImagesPerSecond() {
      return 1000.0 * batch / inferMillis;
    }
  }

  /**
   * Builds {@code variant} (its input resized to {@code size}, its batch to {@code batch}) and times it.
   *
   * @param steps timed steps of each kind (at least 1)
   */
  public static Figures run(ModelCompiler compiler, VariantSpec variant, int batch, int size, int steps,
      Device device) {
    return run(compiler, variant, batch, size, steps, Devices.one(device), 1);
  }

  /**
   * As {@link #run(ModelCompiler, VariantSpec, int, int, int, Device)} with the global batch split over the towers
   * of {@code devices} and {@code accumulate} passes.
   *
   * @throws IllegalArgumentException when the batch does not divide into towers × accumulate slices
   */
  public static Figures run(ModelCompiler compiler, VariantSpec variant, int batch, int size, int steps,
      Devices devices, int accumulate) {
    if (batch < 1 || size < 32 || steps < 1) {
      throw new IllegalArgumentException("bench: batch >= 1, size >= 32 and steps >= 1 needed; got " + batch + ", "
          + size + ", " + steps);
    }
    VariantSpec v = resized(variant, size).withSchedule(variant.schedule().withImagesPerBatch(batch));
    long t0 = System.nanoTime();
    Graph graph = new Graph();
    try {
      VariantGraph model = compiler.compile(graph, v, devices.placement(accumulate));
      long t1 = System.nanoTime();
      try (Session session = new Session(graph, SessionConfigs.forDevices(devices))) {
        long t2 = System.nanoTime();
        session.run(model.initializer());
        long t3 = System.nanoTime();
        Batch data = batch(v, batch, size, new SplittableRandom(v.seed()));
        double[] train = new double[1 + WARMUP_STEPS + steps];
        double[] infer = new double[1 + WARMUP_STEPS + steps];
        try (Feeds trainFeeds = data.feeds(model, true); Feeds evalFeeds = data.feeds(model, false)) {
          for (int i = 0; i < train.length; i++) {
            long s = System.nanoTime();
            Session.Runner r = trainFeeds.feed(session.runner(), model.trainInputs()).addTarget(model.trainOp())
                .fetch(model.loss());
            r.run().close();
            train[i] = (System.nanoTime() - s) / 1e9;
          }
          for (int i = 0; i < infer.length; i++) {
            long s = System.nanoTime();
            Session.Runner r = evalFeeds.feed(session.runner(), model.evalInputs());
            for (Map.Entry<OutputKey, Operand<?>> out : model.evalOutputs().entrySet()) {
              r.fetch(out.getValue());
            }
            try (Result result = r.run()) {
              infer[i] = (System.nanoTime() - s) / 1e9;
            }
          }
        }
        return new Figures(v.name(), VariantLabels.model(v.model()), batch, size,
            model.trainableParameterCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, train[0],
            1000 * median(train, 1 + WARMUP_STEPS), infer[0], 1000 * median(infer, 1 + WARMUP_STEPS), heapPeak(),
            rssPeak());
      }
    } finally {
      graph.close();
    }
  }

  /** The variant with its input at {@code size}: a square crop for classifiers, shorter side for detectors. */
  private static VariantSpec resized(VariantSpec v, int size) {
    InputSpec input = v.input().accept(new InputSpec.Visitor<InputSpec>() {
      @Override
      public InputSpec classification(ClassificationInput spec) {
        return new ClassificationInput(size, spec.randomResizedCrop(), spec.horizontalFlip());
      }

      @Override
      public InputSpec detection(DetectionInput spec) {
        return new DetectionInput(size, size, size, size, spec.horizontalFlip(), spec.sizeDivisibility());
      }
    });
    return v.withInput(input);
  }

  /** A synthetic batch in the task's layout. */
  private interface Batch {
    Feeds feeds(VariantGraph model, boolean training);
  }

  private static Batch batch(VariantSpec v, int n, int size, SplittableRandom random) {
    float[] pixels = new float[n * size * size * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    return v.model().accept(new ModelSpec.Visitor<>() {
      @Override
      public Batch classifier(ClassifierSpec c) {
        int[] labels = new int[n];
        Arrays.setAll(labels, i -> random.nextInt(c.numClasses()));
        ImageBatch b = new ImageBatch(n, size, size, pixels, labels);
        return (model, training) -> ClassificationTask.feeds(
            (training ? model.trainInputs() : model.evalInputs()).keySet(), b, v.name());
      }

      @Override
      public Batch rcnn(RcnnSpec d) {
        return detectionBatch(v, d, n, size, pixels, random);
      }
    });
  }

  /** Boxes, classes, and the targets of the detector's instance heads (full box masks, keypoints in the box). */
  private static Batch detectionBatch(VariantSpec v, RcnnSpec d, int n, int size, float[] pixels,
      SplittableRandom random) {
    int g = INSTANCES;
    int maskSize = d.mask().isPresent() ? DetectionBatch.BOX_MASK_SIZE : 0;
    int k = d.keypoint().map(KeypointHeadSpec::numKeypoints).orElse(0);
    float[] boxes = new float[n * g * 4];
    int[] classes = new int[n * g];
    float[] keypoints = new float[n * g * k * 3];
    for (int i = 0; i < n * g; i++) {
      double w = size * (0.08 + 0.42 * random.nextDouble());
      double h = size * (0.08 + 0.42 * random.nextDouble());
      double x = (size - w) * random.nextDouble();
      double y = (size - h) * random.nextDouble();
      boxes[4 * i] = (float) x;
      boxes[4 * i + 1] = (float) y;
      boxes[4 * i + 2] = (float) (x + w);
      boxes[4 * i + 3] = (float) (y + h);
      classes[i] = random.nextInt(d.numClasses());
      for (int p = 0; p < k; p++) {
        keypoints[(i * k + p) * 3] = (float) (x + w * random.nextDouble());
        keypoints[(i * k + p) * 3 + 1] = (float) (y + h * random.nextDouble());
        keypoints[(i * k + p) * 3 + 2] = 2;
      }
    }
    float[] masks = new float[n * g * maskSize * maskSize];
    Arrays.fill(masks, 1f);
    int[] sides = new int[n];
    Arrays.fill(sides, size);
    float[] scales = new float[n];
    Arrays.fill(scales, 1f);
    int[] counts = new int[n];
    Arrays.fill(counts, g);
    long[] ids = new long[n];
    Arrays.setAll(ids, i -> i);
    DetectionBatch b = new DetectionBatch(n, size, size, pixels, ids, sides, sides, scales, new boolean[n], g, counts,
        boxes, classes, maskSize, masks, k, keypoints);
    return (model, training) -> DetectionFeeds.of(
        (training ? model.trainInputs() : model.evalInputs()).keySet(), b, v.name());
  }

  private static double median(double[] values, int from) {
    double[] timed = Arrays.copyOfRange(values, from, values.length);
    Arrays.sort(timed);
    int m = timed.length / 2;
    return timed.length % 2 == 1 ? timed[m] : (timed[m - 1] + timed[m]) / 2;
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** {@code VmHWM} of {@code /proc/self/status}: the peak resident set, JVM and TensorFlow's native memory. */
  private static long rssPeak() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
