package dev.rethink.graph.model.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Test helper: builds a graph, runs it once, returns the fetched values as Java arrays. */
public final class Tf {
  private Tf() {}

  /** Builds operands with {@code build} and runs them in a fresh graph and session. */
  public static List<Object> run(Function<Ops, List<Operand<?>>> build) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<?>> fetches = build.apply(tf);
      Session.Runner runner = s.runner();
      fetches.forEach(runner::fetch);
      List<Object> out = new ArrayList<>();
      try (Result r = runner.run()) {
        for (int i = 0; i < fetches.size(); i++) {
          out.add(toArray(r.get(i)));
        }
      }
      return out;
    }
  }

  /** Runs one operand. */
  public static Object run1(Function<Ops, Operand<?>> build) {
    return run(tf -> List.of(build.apply(tf))).get(0);
  }

  static Object toArray(Tensor t) {
    int n = (int) t.shape().size();
    if (t instanceof TFloat32 f) {
      float[] a = new float[n];
      f.copyTo(DataBuffers.of(a, false, false));
      return a;
    }
    if (t instanceof TInt32 i) {
      int[] a = new int[n];
      i.copyTo(DataBuffers.of(a, false, false));
      return a;
    }
    if (t instanceof TBool b) {
      boolean[] a = new boolean[n];
      b.copyTo(DataBuffers.of(a, false, false));
      return a;
    }
    throw new IllegalArgumentException("unsupported tensor " + t.dataType());
  }

  public static void assertFloats(float[] expected, Object actual, double tolerance) {
    float[] a = (float[]) actual;
    assertEquals(expected.length, a.length, "length");
    for (int i = 0; i < a.length; i++) {
      assertEquals(expected[i], a[i], tolerance, "element " + i);
    }
  }
}
