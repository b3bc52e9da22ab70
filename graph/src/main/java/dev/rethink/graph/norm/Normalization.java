package dev.rethink.graph.norm;

import dev.rethink.graph.core.LayerScope;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** A normalization layer lowered from a {@link dev.rethink.dsl.norm.NormSpec} (see {@link Norms}). */
public interface Normalization {

  /** True when the preceding convolution needs its own bias (no normalization follows to provide a shift). */
  boolean convolutionBias();

  /**
   * Normalizes an NHWC tensor. Variables are created under {@code scope.path()} (e.g. {@code .../conv1/norm/gamma});
   * in a training tower, moving-statistics updates are recorded with {@link LayerScope#addUpdate}.
   */
  <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x);
}
