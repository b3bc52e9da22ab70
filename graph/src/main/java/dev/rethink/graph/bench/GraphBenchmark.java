package dev.rethink.graph.bench;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.VariantGraph;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Prints graph build time and training-step times on this machine (a benchmark, not a test):
 * ResNet-50 classifier build; train step (forward, backward, update) of the quick-profile classifier
 * (ResNet-18 × 0.25, GN(8), 32², batch 16) and of ResNet-50 (BN) at batch 4, 224². With the argument
 * {@code detector [size]} instead: the paper's GN Mask R-CNN R50-FPN ({@link DetectorBenchmark}; size 512 by
 * default).
 *
 * <p>Run: {@code mvn -B -o -q -pl graph -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * -Dmdep.includeScope=runtime && java -cp graph/target/classes:$(cat graph/target/classpath.txt)
 * dev.rethink.graph.bench.GraphBenchmark}
 */
public final class GraphBenchmark {
  private GraphBenchmark() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("detector")) {
      DetectorBenchmark.run(args.length > 1 ? Integer.parseInt(args[1]) : 512);
      return;
    }
    VariantSpec r50 = VariantSpec.classifier("r50", Scale.PAPER, ResNetSpec.of(50));
    for (int i = 0; i < 3; i++) {
      try (Graph g = new Graph()) {
        long t0 = System.nanoTime();
        VariantGraph vg = VariantGraph.build(g, r50);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "ResNet-50 classifier graph build #%d: %d ms (%d trainable parameters)%n",
            i + 1, ms, vg.trainableParameterCount());
      }
    }
    VariantSpec quick = VariantSpec.classifier("quick", Scale.QUICK,
        ResNetSpec.of(18).withNorm(new GroupNorm(Scale.QUICK.groupNormGroups()))
            .withWidthMultiplier(Scale.QUICK.widthMultiplier()));
    timeSteps("quick classifier (ResNet-18 x0.25 GN(8), 32x32, batch 16)", quick, 16, 32, 10, 50);
    timeSteps("ResNet-50 BN, 224x224, batch 4", r50, 4, 224, 2, 5);
  }

  private static void timeSteps(String label, VariantSpec variant, int batch, int size, int warmup, int steps) {
    try (Graph g = new Graph()) {
      VariantGraph vg = VariantGraph.build(g, variant);
      SplittableRandom random = new SplittableRandom(1);
      int classes = (int) vg.evalLogits().shape().get(1);
      try (Session s = new Session(g);
          TFloat32 x = TFloat32.tensorOf(Shape.of(batch, size, size, 3));
          TInt32 y = TInt32.tensorOf(Shape.of(batch))) {
        x.scalars().forEach(v -> v.setFloat((float) random.nextGaussian()));
        y.scalars().forEach(v -> v.setInt(random.nextInt(classes)));
        s.run(vg.initializer());
        for (int i = 0; i < warmup; i++) {
          s.runner().feed(vg.images(), x).feed(vg.labels(), y).addTarget(vg.trainOp()).run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          s.runner().feed(vg.images(), x).feed(vg.labels(), y).addTarget(vg.trainOp()).run();
        }
        double train = (System.nanoTime() - t0) / 1e6 / steps;
        t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          s.runner().feed(vg.images(), x).feed(vg.labels(), y).fetch(vg.loss()).run().close();
        }
        double forward = (System.nanoTime() - t0) / 1e6 / steps;
        System.out.printf(Locale.ROOT, "%s: train step (fwd+bwd+update) %.1f ms, forward + loss %.1f ms%n", label,
            train, forward);
      }
    }
  }
}
