package dev.rethink.graph.layers;

import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.norm.Normalization;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A convolution followed by its normalization, Detectron2's {@code Conv2d(..., norm=...)}: variables
 * {@code name/kernel} (plus {@code name/bias} when the norm is none) and {@code name/norm/...}.
 */
public final class ConvNorm {
  /** Sub-scope of the normalization within a convolution layer. */
  public static final String NORM = "norm";

  private ConvNorm() {}

  /** {@code norm(conv(x))} in the layer {@code parent/name}; the conv gets a bias exactly when the norm is none. */
  public static <T extends TFloating> Operand<T> apply(LayerScope parent, String name, Operand<T> x, Conv2d conv,
      Normalization norm) {
    LayerScope layer = parent.child(name);
    Operand<T> y = conv.withBias(norm.convolutionBias()).apply(layer, x);
    return norm.apply(layer.child(NORM), y);
  }

  /** {@code relu(norm(conv(x)))}. */
  public static <T extends TFloating> Operand<T> applyRelu(LayerScope parent, String name, Operand<T> x, Conv2d conv,
      Normalization norm) {
    return parent.tf().nn.relu(apply(parent, name, x, conv, norm));
  }
}
