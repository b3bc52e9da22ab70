package dev.rethink.graph.schedule;

import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * The learning rate of {@link ScheduleSpec} as graph ops of the global step:
 * {@code baseLr · warmup(step) · gamma^(number of milestones ≤ step)}, with Detectron's "linear" warm-up
 * {@code warmup(step) = startFactor · (1 − a) + a}, {@code a = step / warmupIterations} for
 * {@code step < warmupIterations}, else 1. Computed in float64, returned as float32.
 */
public final class LearningRate {
  private LearningRate() {}

  /** The LR at {@code step} (int64 scalar, e.g. the global step). */
  public static Operand<TFloat32> build(Ops tf, Operand<TInt64> step, ScheduleSpec spec) {
    Operand<TFloat64> s = tf.dtypes.cast(step, TFloat64.class);
    Operand<TFloat64> factor = tf.constant(spec.baseLr());
    WarmupSpec warmup = spec.warmup();
    if (warmup.iterations() > 0) {
      Operand<TFloat64> a = tf.math.div(s, tf.constant((double) warmup.iterations()));
      Operand<TFloat64> linear = tf.math.add(tf.math.mul(tf.constant(warmup.startFactor()),
          tf.math.sub(tf.constant(1.0), a)), a);
      Operand<TFloat64> w = tf.select(tf.math.less(step, tf.constant((long) warmup.iterations())), linear,
          tf.constant(1.0));
      factor = tf.math.mul(factor, w);
    }
    for (int milestone : spec.milestones()) {
      Operand<TFloat64> drop = tf.select(tf.math.greaterEqual(step, tf.constant((long) milestone)),
          tf.constant(spec.gamma()), tf.constant(1.0));
      factor = tf.math.mul(factor, drop);
    }
    return tf.dtypes.cast(factor, TFloat32.class);
  }
}
