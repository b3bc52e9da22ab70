package dev.rethink.graph.init;

import static dev.rethink.graph.TfTesting.fetchFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.core.VariableStore;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class InitializersTest {

  /** c2_msra_fill of a 3×3 conv to 256 channels: std = sqrt(2 / (3·3·256)) ≈ 0.02946, mean 0. */
  @Test
  void msraFillHasTheFanOutStandardDeviation() {
    assertEquals(Math.sqrt(2.0 / 2304), Initializers.msraStd(3, 3, 256), 1e-15);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      VariableStore store = new VariableStore(Ops.create(g), 7);
      store.variable("w", Shape.of(3, 3, 64, 256), TFloat32.class, VariableRole.KERNEL, true,
          Initializers.msraFill(3, 3, 256));
      s.run(store.initializer());
      float[] w = fetchFloats(s, "w");
      double mean = 0;
      for (float v : w) {
        mean += v;
      }
      mean /= w.length;
      double var = 0;
      for (float v : w) {
        var += (v - mean) * (v - mean);
      }
      double std = Math.sqrt(var / w.length);
      // 147,456 samples: the sample std is within ~0.2% of the true one (3 sigma ≈ 0.55%).
      assertEquals(0.029463, std, 0.029463 * 0.01);
      assertEquals(0, mean, 0.001);
    }
  }

  /** A variable's initial value depends on the seed and its name only, not on what was built before it. */
  @Test
  void initialValuesDoNotDependOnBuildOrder() {
    float[] alone = initial(List.of("b"), 1).get(0);
    List<float[]> afterOthers = initial(List.of("a", "c", "b"), 1);
    assertArrayEquals(alone, afterOthers.get(2), 0f);
    assertFalse(Arrays.equals(afterOthers.get(0), afterOthers.get(2)), "different names, different values");
    assertFalse(Arrays.equals(alone, initial(List.of("b"), 2).get(0)), "different seed, different values");
  }

  @Test
  void sharedNamesMustAgree() {
    try (Graph g = new Graph()) {
      VariableStore store = new VariableStore(Ops.create(g), 0);
      var first = store.variable("x", Shape.of(2), TFloat32.class, VariableRole.BIAS, true, Initializers.zeros());
      var again = store.variable("x", Shape.of(2), TFloat32.class, VariableRole.BIAS, true, Initializers.zeros());
      assertEquals(first.op().name(), again.op().name());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.variable("x", Shape.of(3),
          TFloat32.class, VariableRole.BIAS, true, Initializers.zeros()));
      assertTrue(e.getMessage().contains("variable x"), e.getMessage());
    }
  }

  private static List<float[]> initial(List<String> names, long seed) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      VariableStore store = new VariableStore(Ops.create(g), seed);
      for (String n : names) {
        store.variable("scope/" + n, Shape.of(4, 5), TFloat32.class, VariableRole.KERNEL, true,
            Initializers.normal(1));
      }
      s.run(store.initializer());
      return names.stream().map(n -> fetchFloats(s, "scope/" + n)).toList();
    }
  }
}
