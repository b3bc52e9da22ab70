package dev.rethink.graph.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.TowerGroup;
import dev.rethink.graph.core.VariableStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Normalization across two towers on two virtual CPU devices, against hand computation: BN normalizes each tower
 * by its own statistics and updates the moving statistics once with their mean; SyncBN with a tower that has no
 * rows (a head without RoIs, detectron2#366) normalizes by the other tower's rows, with finite gradients, and a
 * step with no rows at all leaves finite moving statistics.
 */
class CrossTowerNormTest {
  private static final int C = 3;
  private static final double EPS = 1e-5;

  private static DeviceSpec cpu(int i) {
    return DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(i).build();
  }

  /** Two towers of one norm layer on {@code x0}, {@code x1} ([n, 2, 2, C]); y of each, moving stats after. */
  private record Run(float[] y0, float[] y1, float[] movingMean, float[] movingVariance, float[] grad0) {}

  private static Run run(Normalization norm, double[] x0, int n0, double[] x1, int n1) {
    try (Graph g = new Graph(); Session s = new Session(g, ConfigProto.newBuilder().putDeviceCount("CPU", 2)
        .build())) {
      Ops tf = GraphOps.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Operand<TFloat32> in0 = tf.constant(Shape.of(n0, 2, 2, C), TfTesting.toFloats(x0).length == 0
          ? org.tensorflow.ndarray.buffer.DataBuffers.of(new float[0]) : org.tensorflow.ndarray.buffer.DataBuffers
          .of(TfTesting.toFloats(x0)));
      Operand<TFloat32> in1 = tf.constant(Shape.of(n1, 2, 2, C), org.tensorflow.ndarray.buffer.DataBuffers.of(
          TfTesting.toFloats(x1)));
      TowerGroup group = new TowerGroup(store, tf.withSubScope("reduce").withDevice(cpu(0)));
      List<Operand<TFloat32>> ys = group.build(List.of(tf.withSubScope("t0").withDevice(cpu(0)),
          tf.withSubScope("t1").withDevice(cpu(1))), (i, tower) -> norm.apply(tower.root().child("bn"),
              i == 0 ? in0 : in1));
      List<Op> updates = group.updateOps();
      assertEquals(2, updates.size(), "one update per moving statistic");
      // d/dx0 of Σ y0 · w for a fixed w: through the statistics for both norms.
      Operand<TFloat32> w = tf.constant(Shape.of(n0, 2, 2, C), org.tensorflow.ndarray.buffer.DataBuffers.of(
          TfTesting.toFloats(TfTesting.gaussian(Math.max(n0, 0) * 4 * C, 99))));
      Operand<TFloat32> objective = tf.math.add(tf.sum(tf.math.mul(ys.get(0), w), tf.constant(new int[] {0, 1, 2,
          3})), tf.sum(ys.get(1), tf.constant(new int[] {0, 1, 2, 3})));
      var grad = tf.gradients(objective, List.of(in0)).dy(0);
      s.run(store.initializer());
      float[] y0;
      float[] y1;
      float[] g0;
      try (Result r = s.runner().fetch(ys.get(0)).fetch(ys.get(1)).fetch(grad).run()) {
        y0 = TfTesting.values((TFloat32) r.get(0));
        y1 = TfTesting.values((TFloat32) r.get(1));
        g0 = TfTesting.values((TFloat32) r.get(2));
      }
      Session.Runner step = s.runner();
      updates.forEach(step::addTarget);
      step.run();
      return new Run(y0, y1, TfTesting.fetchFloats(s, "bn/moving_mean"), TfTesting.fetchFloats(s,
          "bn/moving_variance"), g0);
    }
  }

  /** Per channel: {mean, biased variance, unbiased variance} over n rows × 2 × 2 of x [n, 2, 2, C]. */
  private static double[][] stats(double[] x, int n) {
    double[][] out = new double[C][3];
    int count = n * 4;
    for (int c = 0; c < C; c++) {
      double sum = 0;
      for (int i = c; i < x.length; i += C) {
        sum += x[i];
      }
      double mean = sum / count;
      double sq = 0;
      for (int i = c; i < x.length; i += C) {
        sq += (x[i] - mean) * (x[i] - mean);
      }
      out[c] = new double[] {mean, sq / count, sq / (count - 1)};
    }
    return out;
  }

  private static float[] normalized(double[] x, double[][] st) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] s = st[i % C];
      y[i] = (float) ((x[i] - s[0]) / Math.sqrt(s[1] + EPS));
    }
    return y;
  }

  @Test
  void batchNormNormalizesPerTowerAndUpdatesMovingStatisticsOnceWithTheirMean() {
    double[] x0 = TfTesting.gaussian(2 * 4 * C, 1);
    double[] x1 = TfTesting.gaussian(2 * 4 * C, 2);
    for (int i = 0; i < x1.length; i++) {
      x1[i] = 3 * x1[i] + 2; // another distribution: per-tower statistics differ from the global ones
    }
    Run r = run(new BatchNormalization(0.9, EPS), x0, 2, x1, 2);
    double[][] s0 = stats(x0, 2);
    double[][] s1 = stats(x1, 2);
    assertArrayEquals(normalized(x0, s0), r.y0(), 1e-4f);
    assertArrayEquals(normalized(x1, s1), r.y1(), 1e-4f);
    for (int c = 0; c < C; c++) {
      assertEquals(0.1 * (s0[c][0] + s1[c][0]) / 2, r.movingMean()[c], 1e-5, "moving mean " + c);
      assertEquals(0.9 + 0.1 * (s0[c][2] + s1[c][2]) / 2, r.movingVariance()[c], 1e-5, "moving variance " + c);
    }
  }

  @Test
  void syncBatchNormWithATowerWithoutRowsNormalizesByTheOtherTowers() {
    double[] x0 = TfTesting.gaussian(3 * 4 * C, 5);
    Run r = run(new SyncBatchNormalization(0.9, EPS), x0, 3, new double[0], 0);
    double[][] s0 = stats(x0, 3);
    assertArrayEquals(normalized(x0, s0), r.y0(), 1e-4f);
    assertEquals(0, r.y1().length);
    for (int c = 0; c < C; c++) {
      assertEquals(0.1 * s0[c][0], r.movingMean()[c], 1e-5, "moving mean " + c);
      assertEquals(0.9 + 0.1 * s0[c][2], r.movingVariance()[c], 1e-5, "moving variance " + c);
    }
    // The gradient equals one tower's SyncBN over the same rows (an independent graph without towers).
    float[] reference;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = GraphOps.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Operand<TFloat32> in = tf.constant(Shape.of(3, 2, 2, C), org.tensorflow.ndarray.buffer.DataBuffers.of(
          TfTesting.toFloats(x0)));
      Operand<TFloat32> y = new SyncBatchNormalization(0.9, EPS).apply(Tower.training(tf.withSubScope("t"), store)
          .root().child("bn"), in);
      Operand<TFloat32> w = tf.constant(Shape.of(3, 2, 2, C), org.tensorflow.ndarray.buffer.DataBuffers.of(
          TfTesting.toFloats(TfTesting.gaussian(3 * 4 * C, 99))));
      var grad = tf.gradients(tf.sum(tf.math.mul(y, w), tf.constant(new int[] {0, 1, 2, 3})), List.of(in)).dy(0);
      s.run(store.initializer());
      reference = TfTesting.fetchFloats(s, grad);
    }
    assertArrayEquals(reference, r.grad0(), 1e-5f);
  }

  @Test
  void syncBatchNormWithoutAnyRowKeepsMovingStatisticsFinite() {
    Run r = run(new SyncBatchNormalization(0.9, EPS), new double[0], 0, new double[0], 0);
    List<Float> all = new ArrayList<>();
    for (float v : r.movingMean()) {
      all.add(v);
    }
    for (float v : r.movingVariance()) {
      all.add(v);
    }
    assertTrue(all.stream().allMatch(Float::isFinite), "moving statistics " + all);
  }
}
