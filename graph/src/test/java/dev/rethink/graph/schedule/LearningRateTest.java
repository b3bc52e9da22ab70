package dev.rethink.graph.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class LearningRateTest {

  /** The paper's 2x schedule: base 0.02, 500 warm-up iterations from 1/3, ÷10 at 120k and 160k. */
  @Test
  void piecewiseValuesMatchHandComputation() {
    ScheduleSpec spec = new ScheduleSpec(16, 180_000, 0.02, new WarmupSpec(500, 1.0 / 3.0),
        List.of(120_000, 160_000), 0.1);
    long[] steps = {0, 250, 499, 500, 119_999, 120_000, 159_999, 160_000, 179_999};
    double third = 1.0 / 3.0;
    double[] expected = {
        0.02 * third, // a = 0
        0.02 * (third * 0.5 + 0.5), // a = 0.5: 2/3
        0.02 * (third * (1 - 0.998) + 0.998), // a = 499/500
        0.02, // warm-up over
        0.02,
        0.002, // first drop at the milestone itself
        0.002,
        0.0002,
        0.0002};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TInt64> step = tf.placeholder(TInt64.class);
      Operand<TFloat32> lr = LearningRate.build(tf, step, spec);
      for (int i = 0; i < steps.length; i++) {
        try (TInt64 t = TInt64.scalarOf(steps[i]);
            TFloat32 out = (TFloat32) s.runner().feed(step, t).fetch(lr).run().get(0)) {
          assertEquals(expected[i], out.getFloat(), expected[i] * 1e-6, "lr at step " + steps[i]);
        }
      }
    }
  }

  @Test
  void withoutWarmupStartsAtBaseLr() {
    ScheduleSpec spec = new ScheduleSpec(16, 100, 0.1, WarmupSpec.none(), List.of(50), 0.5);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TInt64> step = tf.placeholder(TInt64.class);
      Operand<TFloat32> lr = LearningRate.build(tf, step, spec);
      long[] steps = {0, 49, 50, 99};
      double[] expected = {0.1, 0.1, 0.05, 0.05};
      for (int i = 0; i < steps.length; i++) {
        try (TInt64 t = TInt64.scalarOf(steps[i]);
            TFloat32 out = (TFloat32) s.runner().feed(step, t).fetch(lr).run().get(0)) {
          assertEquals(expected[i], out.getFloat(), 1e-8, "lr at step " + steps[i]);
        }
      }
    }
  }
}
