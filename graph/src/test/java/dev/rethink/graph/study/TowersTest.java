package dev.rethink.graph.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Towers on virtual CPU devices against one device over the whole batch: N towers × b images must give the loss,
 * the gradients and the updated weights of 1 tower × N·b images — for GN and no norm by construction, for SyncBN
 * because its statistics are the global batch's (so it equals single-device BN over the whole batch). The
 * reference is always a graph built without towers, never the tower code's own output.
 */
class TowersTest {
  private static final int BATCH = 8;
  private static final double TOLERANCE = 1e-5;

  static Placement cpus(int towers, int accumulate) {
    return new Placement(IntStream.range(0, towers).mapToObj(i -> DeviceSpec.newBuilder()
        .deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(i).build()).toList(), accumulate);
  }

  /** A session with {@code cpus} virtual CPU devices (ops on a device that does not exist fail). */
  static Session session(Graph g, int cpus) {
    // As the runtime's CPU sessions: without Grappler's memory optimizer, which only costs time on the CPU.
    return new Session(g, ConfigProto.newBuilder().putDeviceCount("CPU", cpus)
        .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
            .setMemoryOptimization(RewriterConfig.MemOptType.NO_MEM_OPT))).build());
  }

  static VariantSpec variant(NormSpec norm) {
    VariantSpec v = TinyVariants.resNet18(norm);
    return v.withSchedule(v.schedule().withImagesPerBatch(BATCH));
  }

  /** Loss, every gradient, and every trainable variable after one step, by name. */
  static Map<String, float[]> oneStep(VariantSpec variant, Placement placement, TFloat32 x, TInt32 y) {
    try (Graph g = new Graph(); Session s = session(g, placement.towers())) {
      VariantGraph vg = VariantGraph.build(g, variant, placement);
      s.run(vg.initializer());
      Map<String, float[]> out = new LinkedHashMap<>();
      List<String> names = new ArrayList<>();
      // The step's updates wait for every gradient, so the loss and gradients fetched are the step's own.
      Session.Runner r = s.runner().feed(vg.images(), x).feed(vg.labels(), y).addTarget(vg.trainOp());
      r.fetch(vg.loss());
      names.add("loss");
      vg.gradients().forEach((name, grad) -> {
        r.fetch(grad);
        names.add("grad:" + name);
      });
      try (Result res = r.run()) {
        for (int i = 0; i < names.size(); i++) {
          out.put(names.get(i), TfTesting.values((TFloat32) res.get(i)));
        }
      }
      List<String> vars = vg.variables().stream().filter(v -> v.trainable() || v.name().contains("moving_"))
          .map(VariantGraph.VariableInfo::name).toList();
      TfTesting.fetchFloats(s, vars).forEach((name, value) -> out.put("after:" + name, value));
      return out;
    }
  }

  /** Every entry of {@code actual} equals {@code expected} to {@link #TOLERANCE} relative to its largest value. */
  static void assertClose(Map<String, float[]> expected, Map<String, float[]> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    assertClose(expected, actual, expected.keySet(), TOLERANCE, what);
  }

  static void assertClose(Map<String, float[]> expected, Map<String, float[]> actual, Iterable<String> keys,
      double tolerance, String what) {
    for (String k : keys) {
      float[] e = expected.get(k);
      float[] a = actual.get(k);
      assertEquals(e.length, a.length, what + " " + k);
      double scale = Math.max(TfTesting.maxAbs(e), 1e-6);
      double worst = 0;
      for (int i = 0; i < e.length; i++) {
        worst = Math.max(worst, Math.abs(e[i] - a[i]) / scale);
      }
      assertTrue(worst <= tolerance, what + ": " + k + " differs by " + worst + " relative");
    }
  }

  @Test
  void gnAndNoNormTowersEqualOneDeviceOverTheWholeBatch() {
    try (TFloat32 x = TinyVariants.images(BATCH, 1); TInt32 y = TinyVariants.labels(BATCH, 10, 2)) {
      for (NormSpec norm : List.of(new GroupNorm(Scale.QUICK.groupNormGroups()), new NoNorm())) {
        Map<String, float[]> one = oneStep(variant(norm), Placement.single(), x, y);
        for (int towers : new int[] {2, 4}) {
          assertClose(one, oneStep(variant(norm), cpus(towers, 1), x, y), norm + " " + towers + " towers");
        }
      }
    }
  }

  @Test
  void syncBnTowersEqualSingleDeviceBnOverTheWholeBatch() {
    try (TFloat32 x = TinyVariants.images(BATCH, 3); TInt32 y = TinyVariants.labels(BATCH, 10, 4)) {
      Map<String, float[]> one = oneStep(variant(new SyncBatchNorm()), Placement.single(), x, y);
      Map<String, float[]> four = null;
      for (int towers : new int[] {2, 4}) {
        four = oneStep(variant(new SyncBatchNorm()), cpus(towers, 1), x, y);
        assertClose(one, four, "SyncBN " + towers + " towers");
      }
      // BN on one device over the whole batch is FusedBatchNormV3, another implementation: the statistics (the
      // loss, the moving statistics after the step) agree to 1e-5, the gradients (another backward formula,
      // another summation order) to 1e-4.
      Map<String, float[]> bn = oneStep(variant(new BatchNorm()), Placement.single(), x, y);
      List<String> statistics = bn.keySet().stream().filter(k -> k.equals("loss") || k.contains("moving_"))
          .toList();
      assertTrue(statistics.size() > 40, "moving statistics: " + statistics.size());
      assertClose(bn, four, statistics, TOLERANCE, "SyncBN 4 towers against BN on one device");
      assertClose(bn, four, bn.keySet(), 1e-4, "SyncBN 4 towers against BN on one device");
    }
  }

  @Test
  void accumulatingTwoPassesOnOneDeviceEqualsTwoTowersStepByStep() {
    // A small LR: training on four batches in a loop amplifies float differences step by step (at the quick LR
    // they reach 6e-4 relative by step 19); at this one the trajectories stay where summation order puts them.
    VariantSpec gn = variant(new GroupNorm(Scale.QUICK.groupNormGroups()));
    VariantSpec v = gn.withSchedule(gn.schedule().withBaseLr(0.001));
    float[] accumulated = losses(v, cpus(1, 2), 20);
    float[] towers = losses(v, cpus(2, 1), 20);
    for (int i = 0; i < accumulated.length; i++) {
      assertEquals(towers[i], accumulated[i], 1e-5 * Math.abs(towers[i]), "loss at step " + i);
    }
    assertTrue(Math.abs(accumulated[16] - accumulated[0]) > 1e-3, "the weights change: " + accumulated[0] + " -> "
        + accumulated[16]);
  }

  /** The loss of each of {@code steps} steps over a fixed sequence of random batches. */
  static float[] losses(VariantSpec variant, Placement placement, int steps) {
    float[] losses = new float[steps];
    try (Graph g = new Graph(); Session s = session(g, placement.towers())) {
      VariantGraph vg = VariantGraph.build(g, variant, placement);
      s.run(vg.initializer());
      for (int i = 0; i < steps; i++) {
        try (TFloat32 x = TinyVariants.images(BATCH, 100 + i % 4); TInt32 y = TinyVariants.labels(BATCH, 10, i % 4);
            Result r = s.runner().feed(vg.images(), x).feed(vg.labels(), y).addTarget(vg.trainOp())
                .fetch(vg.loss()).run()) {
          losses[i] = ((TFloat32) r.get(0)).getFloat();
        }
      }
    }
    return losses;
  }

  @Test
  void aBatchThatDoesNotDivideIsRefusedNamingBothNumbers() {
    VariantSpec v = TinyVariants.resNet18().withSchedule(TinyVariants.resNet18().schedule().withImagesPerBatch(6));
    try (Graph g = new Graph()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> VariantGraph.build(g, v, cpus(4, 1)));
      assertTrue(e.getMessage().contains("variants[tiny]") && e.getMessage().contains(" 6 ")
          && e.getMessage().contains(" 4 slices"), e.getMessage());
    }
  }
}
