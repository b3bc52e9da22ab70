package dev.rethink.graph.core;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * The initial value of a variable, built as graph ops. Random initializers use stateless random ops with the
 * given seed, so a variable's initial value depends only on the variant seed and the variable's name, not on
 * the order in which the graph was built.
 */
@FunctionalInterface
public interface Initializer {

  /**
   * Builds the initial value.
   *
   * @param tf where to build the ops
   * @param shape the variable's shape
   * @param type the variable's element type
   * @param seed int64 [2] seed for stateless random ops (see {@link Seeds#forVariable})
   */
  <T extends TNumber> Operand<T> initialValue(Ops tf, Shape shape, Class<T> type, Operand<TInt64> seed);
}
