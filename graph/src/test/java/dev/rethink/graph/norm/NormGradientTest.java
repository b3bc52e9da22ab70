package dev.rethink.graph.norm;

import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.CrossTowerReducer;
import dev.rethink.graph.norm.GradientCheck.Input;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * Finite-difference checks of the norm lowerings' gradients w.r.t. the input and the affine parameters. GN,
 * FrozenBN and SyncBN's statistics are generic in the float type and checked in float64 (h = 1e-5, tolerance
 * 1e-6); BN is {@code FusedBatchNormV3}, float32 only, checked with h = 1e-2 and tolerance 5e-3.
 */
class NormGradientTest {
  private static final Shape X = Shape.of(2, 3, 3, 4);
  private static final Shape C = Shape.of(4);

  private static Input x(long seed) {
    double[] v = TfTesting.gaussian((int) X.size(), seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = 1.5 * v[i] + 0.5; // non-zero mean, non-unit variance
    }
    return new Input("x", X, v);
  }

  private static Input gamma() {
    return new Input("gamma", C, new double[] {0.5, 1.5, -0.7, 1.1});
  }

  private static Input beta() {
    return new Input("beta", C, new double[] {0.1, -0.2, 0.3, 0.0});
  }

  @Test
  void groupNorm() {
    GradientCheck.float64(List.of(x(1), gamma(), beta()),
        in -> GroupNormalization.normalize(ops(in.get(0)), in.get(0), in.get(1), in.get(2), 2, 1e-5), 1e-5, 1e-6);
  }

  @Test
  void groupNormOneGroupPerChannel() {
    GradientCheck.float64(List.of(x(2), gamma(), beta()),
        in -> GroupNormalization.normalize(ops(in.get(0)), in.get(0), in.get(1), in.get(2), 4, 1e-5), 1e-5, 1e-6);
  }

  @Test
  void frozenBatchNorm() {
    Input mean = new Input("mean", C, new double[] {0.3, -1.0, 0.0, 2.0});
    Input variance = new Input("variance", C, new double[] {0.5, 2.0, 1.0, 0.1});
    GradientCheck.float64(List.of(x(3), gamma(), beta(), mean, variance),
        in -> FrozenBatchNormalization.affine(ops(in.get(0)), in.get(0), in.get(1), in.get(2), in.get(3),
            in.get(4), 1e-5), 1e-5, 1e-6);
  }

  /** SyncBN's training path, gradient flowing through the batch statistics (single tower). */
  @Test
  void syncBatchNormTraining() {
    GradientCheck.float64(List.of(x(4), gamma(), beta()), in -> {
      Ops tf = ops(in.get(0));
      SyncBatchNormalization.Statistics<org.tensorflow.types.TFloat64> stats = SyncBatchNormalization.statistics(
          tf, in.get(0), CrossTowerReducer.singleTower(), "bn");
      return FrozenBatchNormalization.affine(tf, in.get(0), in.get(1), in.get(2), stats.mean(), stats.variance(),
          1e-5);
    }, 1e-5, 1e-6);
  }

  /** FusedBatchNormV3 in training mode (float32). */
  @Test
  void batchNormTraining() {
    GradientCheck.float32(List.of(x(5), gamma(), beta()),
        in -> BatchNormalization.training(ops(in.get(0)), in.get(0), in.get(1), in.get(2), 1e-5).y(), 1e-2, 5e-3);
  }

  private static Ops ops(org.tensorflow.Operand<?> any) {
    return Ops.create((org.tensorflow.Graph) any.env());
  }
}
