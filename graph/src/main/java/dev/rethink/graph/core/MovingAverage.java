package dev.rethink.graph.core;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A moving-statistics update a norm asks for: {@code moving ← momentum · moving + (1 − momentum) · batch}. A tower
 * records it rather than building it, so that a step of several towers (or accumulation passes) updates each
 * moving statistic once, with the mean of the passes' batch statistics ({@link TowerGroup#updateOps()}).
 *
 * @param variable the moving statistic
 * @param batch this pass's batch statistic
 * @param momentum the weight of the old value
 */
public record MovingAverage<T extends TFloating>(Variable<T> variable, Operand<T> batch, double momentum) {

  /** The assignment with {@code batch} as the batch statistic. */
  public Op update(Ops tf, Operand<T> batchValue) {
    Class<T> type = variable.type();
    Operand<T> next = tf.math.add(tf.math.mul(variable, tf.constant(type, momentum)),
        tf.math.mul(batchValue, tf.constant(type, 1 - momentum)));
    return tf.assign(variable, next);
  }
}
