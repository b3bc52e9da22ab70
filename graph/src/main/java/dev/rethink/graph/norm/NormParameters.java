package dev.rethink.graph.norm;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.init.Initializers;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/** The per-channel variables of the norms, named alike across BN, SyncBN and FrozenBN so checkpoints transfer. */
final class NormParameters {
  private NormParameters() {}

  /** The scale gamma, initialized to 1. */
  static <T extends TFloating> Variable<T> gamma(LayerScope s, int channels, Class<T> type) {
    return s.variable(Norms.GAMMA, Shape.of(channels), type, VariableRole.NORM_SCALE, Initializers.ones());
  }

  /** The shift beta, initialized to 0. */
  static <T extends TFloating> Variable<T> beta(LayerScope s, int channels, Class<T> type) {
    return s.variable(Norms.BETA, Shape.of(channels), type, VariableRole.NORM_SHIFT, Initializers.zeros());
  }

  /** The moving mean, initialized to 0 (PyTorch's {@code running_mean}). */
  static <T extends TFloating> Variable<T> movingMean(LayerScope s, int channels, Class<T> type) {
    return s.variable(Norms.MOVING_MEAN, Shape.of(channels), type, VariableRole.MOVING_STATISTIC,
        Initializers.zeros());
  }

  /** The moving variance, initialized to 1 (PyTorch's {@code running_var}). */
  static <T extends TFloating> Variable<T> movingVariance(LayerScope s, int channels, Class<T> type) {
    return s.variable(Norms.MOVING_VARIANCE, Shape.of(channels), type, VariableRole.MOVING_STATISTIC,
        Initializers.ones());
  }
}
