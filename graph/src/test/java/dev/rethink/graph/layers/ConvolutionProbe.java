package dev.rethink.graph.layers;

import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Runs in a child JVM so that a native crash fails one configuration instead of the test JVM: applies one
 * {@link ConvolutionKernelPathsTest.Case} to {@link ConvolutionKernelPathsTest#input} with kernel
 * {@link ConvolutionKernelPathsTest#kernel}, and prints {@code y}, {@code dL/dx} and {@code dL/dw} for
 * {@code L = Σ y² / 2}, one prefixed line each, after running the step {@link #RUNS} times (heap damage shows late).
 */
public final class ConvolutionProbe {
  static final int RUNS = 3;
  /** Marks the value lines among TensorFlow's own log lines. */
  static final List<String> PREFIXES = List.of("y: ", "dx: ", "dw: ");

  private ConvolutionProbe() {}

  public static void main(String[] args) {
    ConvolutionKernelPathsTest.Case c = ConvolutionKernelPathsTest.Case.valueOf(args[0]);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Tower tower = Tower.training(tf.withSubScope("t"), store);
      Operand<TFloat32> x = tf.constant(c.inputShape(), org.tensorflow.ndarray.buffer.DataBuffers.of(
          ConvolutionKernelPathsTest.input(c), true, false));
      Operand<TFloat32> y = c.layer().apply(tower.root().child("conv"), x);
      @SuppressWarnings("unchecked")
      Variable<TFloat32> w = (Variable<TFloat32>) store.find("conv/kernel").orElseThrow().variable();
      Operand<TFloat32> loss = tf.math.mul(tf.sum(tf.math.square(y), tf.constant(new int[] {0, 1, 2, 3})),
          tf.constant(0.5f));
      Gradients d = tf.gradients(loss, List.of(x, w));
      s.run(store.initializer());
      s.run(tf.assign(w, tf.constant(c.kernelShape(), org.tensorflow.ndarray.buffer.DataBuffers.of(
          ConvolutionKernelPathsTest.kernel(c), true, false))));
      for (int run = 1; run <= RUNS; run++) {
        try (Result r = s.runner().fetch(y).fetch(d.dy(0)).fetch(d.dy(1)).run()) {
          if (run == RUNS) {
            for (int i = 0; i < 3; i++) {
              float[] v = TfTesting.values((TFloat32) r.get(i));
              System.out.println(PREFIXES.get(i) + IntStream.range(0, v.length).mapToObj(k -> Float.toString(v[k]))
                  .collect(Collectors.joining(" ")));
            }
          }
        }
      }
    }
  }
}
