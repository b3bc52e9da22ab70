package dev.rethink.graph;

import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/** Tensor conversions and fetches for tests. */
public final class TfTesting {
  private TfTesting() {}

  public static TFloat32 floats(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  public static TFloat64 doubles(Shape shape, double[] values) {
    return TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  /** Reads a float32 tensor's values in row-major order. */
  public static float[] values(TFloat32 t) {
    float[] out = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Reads a float64 tensor's values in row-major order. */
  public static double[] values(TFloat64 t) {
    double[] out = new double[(int) t.size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Fetches a float32 output (no feeds). */
  public static float[] fetchFloats(Session s, Operand<?> op) {
    try (Tensor t = s.runner().fetch(op).run().get(0)) {
      return values((TFloat32) t);
    }
  }

  /** Fetches a float32 tensor by op name (e.g. a variable's). */
  public static float[] fetchFloats(Session s, String name) {
    try (Tensor t = s.runner().fetch(name).run().get(0)) {
      return values((TFloat32) t);
    }
  }

  /** Fetches float32 tensors by op name in one run. */
  public static java.util.Map<String, float[]> fetchFloats(Session s, java.util.List<String> names) {
    Session.Runner r = s.runner();
    names.forEach(r::fetch);
    java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
    try (org.tensorflow.Result res = r.run()) {
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), values((TFloat32) res.get(i)));
      }
    }
    return out;
  }

  /** Gaussian values from a fixed seed. */
  public static double[] gaussian(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextGaussian();
    }
    return out;
  }

  public static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  public static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
