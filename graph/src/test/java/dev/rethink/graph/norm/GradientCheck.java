package dev.rethink.graph.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.graph.TfTesting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/**
 * Central-difference gradient checks: a function of several inputs {@code y = f(x1, x2, ...)} is reduced to the
 * scalar {@code L = Σ y · r} with fixed random {@code r}; the graph's gradients of L are compared with
 * {@code (L(x + h e_i) − L(x − h e_i)) / 2h} for every element of every input.
 */
final class GradientCheck {
  private GradientCheck() {}

  /** An input: its shape and values. */
  record Input(String name, Shape shape, double[] values) {}

  /**
   * Checks the gradients in float64 ({@code h}, tolerance {@code tol} relative to max(1, |g|)).
   */
  static void float64(List<Input> inputs, Function<List<Operand<TFloat64>>, Operand<TFloat64>> f, double h,
      double tol) {
    check(TFloat64.class, inputs, f, h, tol);
  }

  /** Checks in float32; the loss is accumulated in float64 to keep rounding out of the difference quotient. */
  static void float32(List<Input> inputs, Function<List<Operand<TFloat32>>, Operand<TFloat32>> f, double h,
      double tol) {
    check(TFloat32.class, inputs, f, h, tol);
  }

  private static <T extends TFloating> void check(Class<T> type, List<Input> inputs,
      Function<List<Operand<T>>, Operand<T>> f, double h, double tol) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<T>> xs = inputs.stream().<Operand<T>>map(in -> tf.placeholder(type,
          Placeholder.shape(in.shape()))).toList();
      Operand<T> y = f.apply(xs);
      int n = (int) y.shape().size();
      Operand<TFloat64> r = tf.constant(y.shape(), org.tensorflow.ndarray.buffer.DataBuffers.of(
          TfTesting.gaussian(n, 99), true, false));
      Operand<TFloat64> loss = tf.sum(tf.math.mul(tf.dtypes.cast(y, TFloat64.class), r),
          tf.range(tf.constant(0), tf.rank(y), tf.constant(1)));
      Gradients grads = tf.gradients(loss, xs);
      double[][] values = inputs.stream().map(in -> in.values().clone()).toArray(double[][]::new);
      double[][] analytic = new double[inputs.size()][];
      List<Tensor> fed = tensors(type, inputs, values);
      Session.Runner runner = feed(s.runner(), xs, fed);
      grads.dy().forEach(runner::fetch);
      try (Result out = runner.run()) {
        for (int k = 0; k < inputs.size(); k++) {
          analytic[k] = toDoubles(out.get(k));
        }
      } finally {
        fed.forEach(Tensor::close);
      }
      for (int k = 0; k < inputs.size(); k++) {
        for (int i = 0; i < values[k].length; i++) {
          double saved = values[k][i];
          values[k][i] = saved + h;
          double plus = eval(s, type, xs, inputs, values, loss);
          values[k][i] = saved - h;
          double minus = eval(s, type, xs, inputs, values, loss);
          values[k][i] = saved;
          double numeric = (plus - minus) / (2 * h);
          assertEquals(numeric, analytic[k][i], tol * Math.max(1, Math.abs(numeric)),
              "d L / d " + inputs.get(k).name() + "[" + i + "]");
        }
      }
    }
  }

  private static <T extends TFloating> double eval(Session s, Class<T> type, List<Operand<T>> xs,
      List<Input> inputs, double[][] values, Operand<TFloat64> loss) {
    List<Tensor> fed = tensors(type, inputs, values);
    try (Result out = feed(s.runner(), xs, fed).fetch(loss).run()) {
      return ((TFloat64) out.get(0)).getDouble();
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  private static <T extends TFloating> List<Tensor> tensors(Class<T> type, List<Input> inputs,
      double[][] values) {
    List<Tensor> out = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      Shape shape = inputs.get(k).shape();
      out.add(type == TFloat64.class ? TfTesting.doubles(shape, values[k])
          : TfTesting.floats(shape, TfTesting.toFloats(values[k])));
    }
    return out;
  }

  private static <T extends TFloating> Session.Runner feed(Session.Runner runner, List<Operand<T>> xs,
      List<Tensor> tensors) {
    for (int k = 0; k < xs.size(); k++) {
      runner.feed(xs.get(k), tensors.get(k));
    }
    return runner;
  }

  private static double[] toDoubles(Tensor t) {
    if (t instanceof TFloat64 d) {
      return TfTesting.values(d);
    }
    float[] f = TfTesting.values((TFloat32) t);
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }
}
