package dev.rethink.graph.layers;

import static dev.rethink.graph.TfTesting.fetchFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class LayersTest {

  /**
   * A 3×3/2 convolution of a 4×4 image of ones with a kernel of ones, torchvision padding 1 on every side: the
   * output windows cover rows/cols {-1..1} and {1..3}, so they hold 2×2, 2×3, 3×2, 3×3 ones. (TensorFlow's SAME
   * would pad bottom/right only and give 9, 6, 6, 4.)
   */
  @Test
  void strideTwoConvolutionPadsSymmetricallyAsTorchvision() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Tower tower = Tower.training(tf.withSubScope("t"), store);
      Operand<TFloat32> x = tf.fill(tf.constant(new int[] {1, 4, 4, 1}), tf.constant(1f));
      Operand<TFloat32> y = Conv2d.of(3, 1).withStride(2).apply(tower.root().child("conv"), x);
      assertEquals(Shape.of(1, 2, 2, 1), y.shape());
      try (Session s = new Session(g)) {
        s.run(store.initializer());
        s.run(tf.assign(kernel(store, "conv/kernel"), tf.fill(tf.constant(new int[] {3, 3, 1, 1}), tf.constant(1f))));
        assertArrayEquals(new float[] {4, 6, 6, 9}, fetchFloats(s, y), 1e-6f);
      }
    }
  }

  /** 3×3/2 max-pool with padding 1 (the ResNet stem's) on a 4×4 ramp 0..15: windows as above, maxima at the end. */
  @Test
  void maxPoolPadsWithMinusInfinity() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] ramp = new float[16];
      for (int i = 0; i < 16; i++) {
        ramp[i] = -100 + i; // all negative: a zero pad would win
      }
      Operand<TFloat32> x = tf.reshape(tf.constant(ramp), tf.constant(new int[] {1, 4, 4, 1}));
      Operand<TFloat32> y = Pooling.maxPool(tf, x, 3, 2, 1);
      // windows rows {0,1} / {1,2,3}, cols {0,1} / {1,2,3}: maxima at (1,1)=5, (1,3)=7, (3,1)=13, (3,3)=15
      assertArrayEquals(new float[] {-95, -93, -87, -85}, fetchFloats(s, y), 0f);
    }
  }

  /** A grouped convolution equals convolving each channel group with its slice of the kernel and concatenating. */
  @Test
  void groupedConvolutionEqualsPerGroupConvolutions() {
    int groups = 4;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore store = new VariableStore(tf, 3);
      Tower tower = Tower.training(tf.withSubScope("t"), store);
      Operand<TFloat32> x = tf.constant(Shape.of(2, 6, 6, 8), org.tensorflow.ndarray.buffer.DataBuffers.of(
          TfTesting.toFloats(TfTesting.gaussian(2 * 6 * 6 * 8, 5)), true, false));
      Operand<TFloat32> y = Conv2d.of(3, 12).withStride(2).withGroups(groups).apply(tower.root().child("conv"), x);
      Variable<TFloat32> w = kernel(store, "conv/kernel");
      assertEquals(Shape.of(3, 3, 2, 12), w.shape());
      Operand<TFloat32> xp = tf.pad(x, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}), tf.constant(0f));
      List<Operand<TFloat32>> parts = new ArrayList<>();
      for (int i = 0; i < groups; i++) {
        Operand<TFloat32> xi = tf.slice(xp, tf.constant(new int[] {0, 0, 0, 2 * i}), tf.constant(new int[] {-1, -1,
            -1, 2}));
        Operand<TFloat32> wi = tf.slice(w, tf.constant(new int[] {0, 0, 0, 3 * i}), tf.constant(new int[] {-1, -1,
            -1, 3}));
        parts.add(tf.nn.conv2d(xi, wi, List.of(1L, 2L, 2L, 1L), "VALID"));
      }
      Operand<TFloat32> expected = tf.concat(parts, tf.constant(3));
      // Backward too: gradients of Σ out² w.r.t. input and kernel.
      Operand<TInt32> all = tf.constant(new int[] {0, 1, 2, 3});
      Gradients grouped = tf.gradients(tf.sum(tf.math.square(y), all), List.of(x, w));
      Gradients split = tf.gradients(tf.sum(tf.math.square(expected), all), List.of(x, w));
      try (Session s = new Session(g)) {
        s.run(store.initializer());
        assertArrayEquals(fetchFloats(s, expected), fetchFloats(s, y), 1e-5f);
        for (int i = 0; i < 2; i++) {
          float[] reference = fetchFloats(s, split.dy(i));
          float tolerance = (float) (1e-5 * TfTesting.maxAbs(reference));
          assertArrayEquals(reference, fetchFloats(s, grouped.dy(i)), tolerance, i == 0 ? "d input" : "d kernel");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Variable<TFloat32> kernel(VariableStore store, String name) {
    return (Variable<TFloat32>) store.find(name).orElseThrow().variable();
  }
}
