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
import org.tensorflow.types.TInt32;

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

  @Test
  void topKGradientFlowsToTheSelectedPositions() {
    CustomGradients.registerAll();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(new float[][] {{1, 5, 3, 4}, {9, 0, 8, 7}});
      Operand<TFloat32> top = tf.nn.topK(x, tf.constant(2), TInt32.class).values();
      // d/dx of sum(top · (1, 10)): row 0 picks 5 (idx 1), 4 (idx 3); row 1 picks 9 (idx 0), 8 (idx 2).
      Operand<TFloat32> loss = tf.sum(tf.math.mul(top, tf.constant(new float[] {1, 10})),
          tf.constant(new int[] {0, 1}));
      Operand<?> dx = tf.gradients(loss, List.of(x)).dy(0);
      assertArrayEquals(new float[] {0, 1, 0, 10, 1, 0, 10, 0}, TfTesting.fetchFloats(s, dx), 0f);
    }
  }

  @Test
  void combinedNonMaxSuppressionPassesNoGradient() {
    CustomGradients.registerAll();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> scores = tf.constant(new float[][][] {{{0.9f}, {0.8f}}});
      Operand<TFloat32> boxes = tf.constant(new float[][][][] {{{{0, 0, 1, 1}}, {{0, 0, 2, 2}}}});
      Operand<TFloat32> kept = tf.image.combinedNonMaxSuppression(boxes, scores, tf.constant(2), tf.constant(2),
          tf.constant(0.5f), tf.constant(0f)).nmsedScores();
      Operand<TFloat32> loss = tf.sum(kept, tf.constant(new int[] {0, 1}));
      Operand<?> dScores = tf.gradients(loss, List.of(scores)).dy(0);
      assertArrayEquals(new float[] {0, 0}, TfTesting.fetchFloats(s, dScores), 0f);
    }
  }
}
