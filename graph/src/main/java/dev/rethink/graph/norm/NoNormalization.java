package dev.rethink.graph.norm;

import dev.rethink.graph.core.LayerScope;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** {@link dev.rethink.dsl.norm.NoNorm}: the identity; the convolution before it carries a bias. */
public final class NoNormalization implements Normalization {
  @Override
  public boolean convolutionBias() {
    return true;
  }

  @Override
  public <T extends TFloating> Operand<T> apply(LayerScope scope, Operand<T> x) {
    return x;
  }
}
