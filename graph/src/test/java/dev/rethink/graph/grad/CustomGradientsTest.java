package dev.rethink.graph.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.graph.TfTesting;
import dev.rethink.graph.model.Classifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class CustomGradientsTest {

  /**
   * The mean sparse softmax cross-entropy over N examples has gradient (softmax(z) − onehot(label)) / N w.r.t.
   * the logits z; computed here in Java from the same logits.
   */
  @Test
  void sparseSoftmaxCrossEntropyGradientIsSoftmaxMinusOneHot() {
    CustomGradients.registerAll();
    CustomGradients.registerAll(); // idempotent
    float[][] logits = {{1f, 2f, 0.5f}, {-1f, 0f, 3f}};
    int[] labels = {2, 0};
    float[] expected = new float[6];
    for (int i = 0; i < 2; i++) {
      double sum = 0;
      for (float z : logits[i]) {
        sum += Math.exp(z);
      }
      for (int j = 0; j < 3; j++) {
        expected[3 * i + j] = (float) ((Math.exp(logits[i][j]) / sum - (labels[i] == j ? 1 : 0)) / 2);
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> z = tf.constant(logits);
      Operand<TFloat32> loss = Classifier.loss(tf, z, tf.constant(labels));
      Operand<?> dz = tf.gradients(loss, List.of(z)).dy(0);
      assertArrayEquals(expected, TfTesting.fetchFloats(s, dz), 1e-6f);
    }
  }
}
