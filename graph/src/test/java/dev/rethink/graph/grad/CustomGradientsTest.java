package dev.rethink.graph.grad;

import static dev.rethink.graph.model.detection.Tf.assertFloats;

import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class CustomGradientsTest {
  @Test
  void topKGradientFlowsToTheSelectedPositions() {
    CustomGradients.registerAll();
    CustomGradients.registerAll(); // idempotent
    Object grad = Tf.run1(tf -> {
      Operand<TFloat32> x = tf.variable(tf.constant(new float[][] {{1, 5, 3, 4}, {9, 0, 8, 7}}));
      Operand<TFloat32> top = tf.nn.topK(x, tf.constant(2), TInt32.class).values();
      // d/dx of sum(top · (1, 10)): row 0 picks 5 (idx 1), 4 (idx 3); row 1 picks 9 (idx 0), 8 (idx 2).
      Operand<TFloat32> loss = tf.sum(tf.math.mul(top, tf.constant(new float[] {1, 10})),
          tf.constant(new int[] {0, 1}));
      return tf.gradients(loss, List.of(x)).dy(0);
    });
    assertFloats(new float[] {0, 1, 0, 10, 1, 0, 10, 0}, grad, 0);
  }
}
