package dev.rethink.graph.model.detection;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/** Small graph-building helpers shared by the detection packages. */
public final class GraphMath {
  /** Score given to padded or removed candidates: below every real logit and every threshold used. */
  public static final float EXCLUDED_SCORE = -1e30f;
  /** Threshold that separates real scores from {@link #EXCLUDED_SCORE}. */
  public static final float EXCLUDED_THRESHOLD = -1e29f;

  private GraphMath() {}

  public static Operand<TFloat32> scalar(Ops tf, double v) {
    return tf.constant((float) v);
  }

  public static Operand<TFloat32> toFloat(Ops tf, Operand<? extends TType> x) {
    return tf.dtypes.cast(x, TFloat32.class);
  }

  public static Operand<TInt32> toInt(Ops tf, Operand<? extends TType> x) {
    return tf.dtypes.cast(x, TInt32.class);
  }

  /** Component {@code i} of the last axis (e.g. {@code x0} of boxes {@code [..., 4]}), one rank lower. */
  public static <T extends TType> Operand<T> last(Ops tf, Operand<T> x, int i) {
    return tf.gather(x, tf.constant(i), tf.constant(-1));
  }

  /** Stacks equally shaped tensors along a new last axis. */
  @SafeVarargs
  public static <T extends TType> Operand<T> stackLast(Ops tf, Operand<T>... parts) {
    return tf.stack(Arrays.asList(parts), Stack.axis(-1L));
  }

  /** Concatenation along {@code axis} that also accepts a single part ({@code ConcatV2} needs two or more). */
  public static <T extends TType> Operand<T> concat(Ops tf, List<Operand<T>> parts, int axis) {
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(axis));
  }

  /** Dimension {@code axis} of {@code x}'s dynamic shape, as a scalar. */
  public static Operand<TInt32> dim(Ops tf, Operand<? extends TType> x, int axis) {
    return tf.gather(tf.shape(x), tf.constant(axis), tf.constant(0));
  }
}
