package dev.rethink.graph.norm;

import static dev.rethink.graph.TfTesting.fetchFloats;
import static dev.rethink.graph.TfTesting.floats;
import static dev.rethink.graph.TfTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class NormalizationTest {

  /**
   * x: 1 image, 1×2 pixels, 4 channels, GN with 2 groups. Pixel 0 = (1, 2, 3, 4), pixel 1 = (3, 6, 5, 8).
   * Group 0 = channels 0, 1 = {1, 2, 3, 6}: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5.
   * Group 1 = channels 2, 3 = {3, 4, 5, 8}: mean 5, variance (4 + 1 + 0 + 9) / 4 = 3.5.
   * gamma = (1, 2, 1, 1), beta = (0, 0, 1, 0).
   */
  @Test
  void groupNormForwardMatchesHandComputation() {
    double sd = Math.sqrt(3.5 + 1e-5);
    float[] expected = {
        (float) ((1 - 3) / sd), (float) (2 * (2 - 3) / sd), (float) ((3 - 5) / sd + 1), (float) ((4 - 5) / sd),
        (float) ((3 - 3) / sd), (float) (2 * (6 - 3) / sd), (float) ((5 - 5) / sd + 1), (float) ((8 - 5) / sd)};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(new float[][][][] {{{{1, 2, 3, 4}, {3, 6, 5, 8}}}});
      Operand<TFloat32> y = GroupNormalization.normalize(tf, x, tf.constant(new float[] {1, 2, 1, 1}),
          tf.constant(new float[] {0, 0, 1, 0}), 2, 1e-5);
      assertArrayEquals(expected, fetchFloats(s, y), 1e-6f);
    }
  }

  /**
   * One BN layer trained on two batches: moving = 0.9 · moving + 0.1 · batch statistic, the variance being the
   * unbiased (n − 1) batch variance, as PyTorch's running_var; the training output uses the biased variance;
   * the inference tower normalizes by the moving statistics.
   */
  @Test
  void batchNormMovingStatisticsFollowMomentum() {
    Shape shape = Shape.of(2, 2, 2, 3); // n = 8 values per channel
    double[] x1 = TfTesting.gaussian(24, 11);
    double[] x2 = TfTesting.gaussian(24, 12);
    for (int i = 0; i < 24; i++) {
      x2[i] = 2 * x2[i] + 1;
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
      Tower train = Tower.training(tf.withSubScope("train"), store);
      Operand<TFloat32> y = Norms.lower(new BatchNorm(0.9, 1e-5)).apply(train.root().child("bn"), x);
      Tower inference = Tower.inference(tf.withSubScope("inference"), store);
      Operand<TFloat32> yInference = Norms.lower(new BatchNorm(0.9, 1e-5)).apply(inference.root().child("bn"), x);
      assertEquals(2, train.updateOps().size());
      assertTrue(inference.updateOps().isEmpty());
      try (Session s = new Session(g)) {
        s.run(store.initializer());
        double[] mean = {0, 0, 0};
        double[] var = {1, 1, 1};
        for (double[] batch : List.of(x1, x2)) {
          float[] out;
          try (TFloat32 in = floats(shape, TfTesting.toFloats(batch))) {
            Session.Runner r = s.runner().feed(x, in).fetch(y);
            train.updateOps().forEach(r::addTarget);
            try (Result res = r.run()) {
              out = values((TFloat32) res.get(0));
            }
          }
          for (int c = 0; c < 3; c++) {
            double m = 0;
            for (int i = c; i < 24; i += 3) {
              m += batch[i] / 8;
            }
            double ss = 0;
            for (int i = c; i < 24; i += 3) {
              ss += (batch[i] - m) * (batch[i] - m);
            }
            for (int i = c; i < 24; i += 3) {
              assertEquals((batch[i] - m) / Math.sqrt(ss / 8 + 1e-5), out[i], 2e-5, "training output uses the"
                  + " biased batch variance");
            }
            mean[c] = 0.9 * mean[c] + 0.1 * m;
            var[c] = 0.9 * var[c] + 0.1 * ss / 7;
          }
          assertArrayEquals(TfTesting.toFloats(mean), fetchFloats(s, "bn/moving_mean"), 1e-6f);
          assertArrayEquals(TfTesting.toFloats(var), fetchFloats(s, "bn/moving_variance"), 1e-6f);
        }
        try (TFloat32 in = floats(shape, TfTesting.toFloats(x1));
            Result res = s.runner().feed(x, in).fetch(yInference).run()) {
          float[] out = values((TFloat32) res.get(0));
          for (int i = 0; i < 24; i++) {
            int c = i % 3;
            assertEquals((x1[i] - mean[c]) / Math.sqrt(var[c] + 1e-5), out[i], 2e-5, "inference output");
          }
        }
      }
    }
  }

  /** With one tower, SyncBN's explicit statistics equal FusedBatchNorm's: outputs, updates, gradients. */
  @Test
  void syncBatchNormOnOneTowerEqualsBatchNorm() {
    Shape shape = Shape.of(4, 3, 3, 5);
    float[] xv = TfTesting.toFloats(TfTesting.gaussian((int) shape.size(), 21));
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
      Tower train = Tower.training(tf.withSubScope("train"), store);
      Operand<TFloat32> yBn = Norms.lower(new BatchNorm(0.9, 1e-5)).apply(train.root().child("bn"), x);
      Operand<TFloat32> ySync = Norms.lower(new SyncBatchNorm(0.9, 1e-5)).apply(train.root().child("sync"), x);
      Operand<TFloat32> r = tf.constant(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(
          TfTesting.toFloats(TfTesting.gaussian((int) shape.size(), 22)), true, false));
      Gradients gBn = tf.gradients(tf.sum(tf.math.mul(yBn, r), tf.constant(new int[] {0, 1, 2, 3})),
          List.of(x, store.find("bn/gamma").orElseThrow().variable(), store.find("bn/beta").orElseThrow().variable()));
      Gradients gSync = tf.gradients(tf.sum(tf.math.mul(ySync, r), tf.constant(new int[] {0, 1, 2, 3})),
          List.of(x, store.find("sync/gamma").orElseThrow().variable(),
              store.find("sync/beta").orElseThrow().variable()));
      // Same non-trivial gamma and beta in both layers.
      float[] gamma = {0.5f, 1.5f, -0.7f, 1.1f, 2f};
      float[] beta = {0.1f, -0.2f, 0.3f, 0f, 1f};
      List<org.tensorflow.op.Op> sets = List.of(
          tf.assign(cast(store, "bn/gamma"), tf.constant(gamma)), tf.assign(cast(store, "bn/beta"), tf.constant(beta)),
          tf.assign(cast(store, "sync/gamma"), tf.constant(gamma)),
          tf.assign(cast(store, "sync/beta"), tf.constant(beta)));
      try (Session s = new Session(g); TFloat32 in = floats(shape, xv)) {
        s.run(store.initializer());
        sets.forEach(s::run);
        Session.Runner run = s.runner().feed(x, in).fetch(yBn).fetch(ySync);
        for (int i = 0; i < 3; i++) {
          run.fetch(gBn.dy(i)).fetch(gSync.dy(i));
        }
        train.updateOps().forEach(run::addTarget);
        try (Result res = run.run()) {
          for (int i = 0; i < 8; i += 2) {
            assertArrayEquals(values((TFloat32) res.get(i)), values((TFloat32) res.get(i + 1)), 2e-5f,
                "output / gradient #" + i / 2);
          }
        }
        for (String stat : List.of("moving_mean", "moving_variance")) {
          assertArrayEquals(fetchFloats(s, "bn/" + stat), fetchFloats(s, "sync/" + stat), 1e-6f, stat);
        }
      }
    }
  }

  /** FrozenBN: its four variables are not trainable, and it computes (x − mean) / sqrt(var + ε) · γ + β. */
  @Test
  void frozenBatchNormIsAFixedAffine() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Tower train = Tower.training(tf.withSubScope("train"), store);
      Operand<TFloat32> x = tf.constant(new float[][][][] {{{{1, 2}, {3, -4}}}});
      Operand<TFloat32> y = Norms.lower(new FrozenBatchNorm(1e-5)).apply(train.root().child("fbn"), x);
      assertEquals(4, store.all().size());
      assertTrue(store.all().stream().noneMatch(ModelVariable::trainable));
      assertTrue(train.updateOps().isEmpty());
      try (Session s = new Session(g)) {
        s.run(store.initializer());
        s.run(tf.assign(cast(store, "fbn/moving_mean"), tf.constant(new float[] {1, -1})));
        s.run(tf.assign(cast(store, "fbn/moving_variance"), tf.constant(new float[] {4, 0.25f})));
        s.run(tf.assign(cast(store, "fbn/gamma"), tf.constant(new float[] {2, 1})));
        s.run(tf.assign(cast(store, "fbn/beta"), tf.constant(new float[] {0, 10})));
        double a = Math.sqrt(4 + 1e-5);
        double b = Math.sqrt(0.25 + 1e-5);
        float[] expected = {(float) (2 * (1 - 1) / a), (float) ((2 + 1) / b + 10), (float) (2 * (3 - 1) / a),
            (float) ((-4 + 1) / b + 10)};
        assertArrayEquals(expected, fetchFloats(s, y), 1e-5f);
      }
    }
  }

  @Test
  void convolutionBiasOnlyWithoutNorm() {
    assertTrue(Norms.lower(new NoNorm()).convolutionBias());
    assertFalse(Norms.lower(new BatchNorm()).convolutionBias());
    assertFalse(Norms.lower(new GroupNorm(8)).convolutionBias());
    assertFalse(Norms.lower(new SyncBatchNorm()).convolutionBias());
    assertFalse(Norms.lower(new FrozenBatchNorm()).convolutionBias());
  }

  @Test
  void frozenStagesTurnEveryBatchNormIntoFrozenBatchNorm() {
    assertTrue(Norms.lowerFrozen(new BatchNorm()) instanceof FrozenBatchNormalization);
    assertTrue(Norms.lowerFrozen(new SyncBatchNorm()) instanceof FrozenBatchNormalization);
    assertTrue(Norms.lowerFrozen(new GroupNorm(8)) instanceof GroupNormalization);
    assertTrue(Norms.lowerFrozen(new NoNorm()) instanceof NoNormalization);
  }

  @SuppressWarnings("unchecked")
  private static org.tensorflow.op.core.Variable<TFloat32> cast(VariableStore store, String name) {
    return (org.tensorflow.op.core.Variable<TFloat32>) store.find(name).orElseThrow().variable();
  }
}
