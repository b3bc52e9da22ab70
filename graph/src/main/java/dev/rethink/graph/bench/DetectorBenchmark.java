package dev.rethink.graph.bench;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.InputKey;
import dev.rethink.graph.study.VariantGraph;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Prints the paper's Mask R-CNN (R50-FPN, GN in backbone, FPN and heads, 4conv1fc box head, COCO's 80 classes):
 * trainable parameters, graph build time, and train-step time at 2 images of {@code size²} with 8 ground-truth
 * instances each, with and without Grappler's graph rewrites (a benchmark, not a test). Run as
 * {@code GraphBenchmark detector [size]}.
 */
final class DetectorBenchmark {
  private static final int IMAGES = 2;
  private static final int INSTANCES = 8;
  private static final int MASK = 56;

  private DetectorBenchmark() {}

  static void run(int size) {
    VariantSpec variant = maskRcnnR50FpnGn();
    for (int i = 0; i < 2; i++) {
      try (Graph g = new Graph()) {
        long t0 = System.nanoTime();
        VariantGraph vg = VariantGraph.build(g, variant);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "Mask R-CNN R50-FPN GN 4conv1fc graph build #%d: %d ms, %d trainable"
            + " parameters, %d graph ops%n", i + 1, ms, vg.trainableParameterCount(), count(g));
      }
    }
    ConfigProto noRewrites = ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder()
        .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true))).build();
    timeSteps(variant, size, "Grappler off", noRewrites);
    timeSteps(variant, size, "Grappler on (default)", ConfigProto.getDefaultInstance());
  }

  /** The paper's GN Mask R-CNN: GN(32) everywhere, the 2fc box head replaced by 4conv1fc. */
  static VariantSpec maskRcnnR50FpnGn() {
    RcnnSpec model = RcnnSpec.maskFpn(ResNetSpec.of(50), 80).withNormEverywhere(new GroupNorm(32));
    return new VariantSpec("mask-rcnn-r50-fpn-gn", model, InitSpec.scratch(), Coco.instances2017("coco"),
        DetectionInput.detectron(), Scale.PAPER.nx(2).withImagesPerBatch(IMAGES), Scale.PAPER.optimizer(),
        EvalSpec.atEnd(CocoAp.boxAndMask()), 0L);
  }

  private static void timeSteps(VariantSpec variant, int size, String label, ConfigProto config) {
    try (Graph g = new Graph()) {
      VariantGraph vg = VariantGraph.build(g, variant);
      Map<InputKey, Tensor> batch = batch(size);
      try (Session s = new Session(g, config)) {
        s.run(vg.initializer());
        long t0 = System.nanoTime();
        step(s, vg, batch);
        double first = (System.nanoTime() - t0) / 1e9;
        step(s, vg, batch);
        int steps = 3;
        t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          step(s, vg, batch);
        }
        double perStep = (System.nanoTime() - t0) / 1e9 / steps;
        System.out.printf(Locale.ROOT, "%s, %d x %dx%d: first train step %.1f s, then %.2f s per train step"
            + " (fwd+bwd+update)%n", label, IMAGES, size, size, first, perStep);
      } finally {
        batch.values().forEach(Tensor::close);
      }
    }
  }

  private static void step(Session s, VariantGraph vg, Map<InputKey, Tensor> batch) {
    Session.Runner r = s.runner();
    vg.trainInputs().forEach((key, placeholder) -> r.feed(placeholder, batch.get(key)));
    r.addTarget(vg.trainOp()).run();
  }

  /** Gaussian images and {@link #INSTANCES} random boxes per image, classes 0…79, elliptic box masks. */
  private static Map<InputKey, Tensor> batch(int size) {
    SplittableRandom random = new SplittableRandom(1);
    float[] pixels = new float[IMAGES * size * size * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    float[] boxes = new float[IMAGES * INSTANCES * 4];
    int[] classes = new int[IMAGES * INSTANCES];
    for (int i = 0; i < IMAGES * INSTANCES; i++) {
      float w = 32 + random.nextInt(size / 2);
      float h = 32 + random.nextInt(size / 2);
      float x0 = random.nextInt((int) (size - w));
      float y0 = random.nextInt((int) (size - h));
      boxes[i * 4] = x0;
      boxes[i * 4 + 1] = y0;
      boxes[i * 4 + 2] = x0 + w;
      boxes[i * 4 + 3] = y0 + h;
      classes[i] = random.nextInt(80);
    }
    float[] masks = new float[IMAGES * INSTANCES * MASK * MASK];
    for (int i = 0; i < IMAGES * INSTANCES; i++) {
      for (int a = 0; a < MASK; a++) {
        for (int b = 0; b < MASK; b++) {
          double u = (b + 0.5) / MASK * 2 - 1;
          double v = (a + 0.5) / MASK * 2 - 1;
          masks[(i * MASK + a) * MASK + b] = u * u + v * v <= 1 ? 1 : 0;
        }
      }
    }
    int[] sides = new int[IMAGES];
    int[] counts = new int[IMAGES];
    java.util.Arrays.fill(sides, size);
    java.util.Arrays.fill(counts, INSTANCES);
    Map<InputKey, Tensor> feed = new EnumMap<>(InputKey.class);
    feed.put(InputKey.IMAGES, TFloat32.tensorOf(Shape.of(IMAGES, size, size, 3), DataBuffers.of(pixels)));
    feed.put(InputKey.IMAGE_HEIGHTS, TInt32.vectorOf(sides));
    feed.put(InputKey.IMAGE_WIDTHS, TInt32.vectorOf(sides));
    feed.put(InputKey.GT_BOXES, TFloat32.tensorOf(Shape.of(IMAGES, INSTANCES, 4), DataBuffers.of(boxes)));
    feed.put(InputKey.GT_CLASSES, TInt32.tensorOf(Shape.of(IMAGES, INSTANCES), DataBuffers.of(classes)));
    feed.put(InputKey.GT_COUNTS, TInt32.vectorOf(counts));
    feed.put(InputKey.GT_MASKS, TFloat32.tensorOf(Shape.of(IMAGES, INSTANCES, MASK, MASK), DataBuffers.of(masks)));
    return feed;
  }

  private static int count(Graph g) {
    int n = 0;
    for (var it = g.operations(); it.hasNext(); it.next()) {
      n++;
    }
    return n;
  }
}
