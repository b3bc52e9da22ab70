package dev.rethink.graph.model.detection.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class HeadLayersTest {

  /**
   * The 2×2 stride-2 transposed convolution: output {@code (2i + a, 2j + b, c)} = {@code x(i, j) · W[a, b, c]}
   * (+ bias 0), its kernel stored as {@code [1, 1, in, (2a + b)·out + c]}.
   */
  @Test
  void deconv2x2PlacesEachInputPixelTimesTheKernelInItsOwn2x2Block() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = GraphOps.create(g);
      VariableStore store = new VariableStore(tf, 3);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2, 2, 1)));
      Operand<TFloat32> y = HeadLayers.deconv2x2(Tower.inference(tf, store).root().child("deconv"), x, 2);
      s.run(store.initializer());
      float[] k = TfTesting.fetchFloats(s, "deconv/kernel"); // 8 values
      float[] in = {1, 2, 3, 4};
      float[] expected = new float[4 * 4 * 2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
              for (int c = 0; c < 2; c++) {
                expected[((2 * i + a) * 4 + 2 * j + b) * 2 + c] = in[i * 2 + j] * k[(2 * a + b) * 2 + c];
              }
            }
          }
        }
      }
      try (TFloat32 one = TfTesting.floats(Shape.of(1, 2, 2, 1), in);
          Result r = s.runner().feed(x, one).fetch(y).run()) {
        assertArrayEquals(expected, TfTesting.values((TFloat32) r.get(0)), 1e-6f);
      }
    }
  }
}
