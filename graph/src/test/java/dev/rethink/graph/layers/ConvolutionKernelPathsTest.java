package dev.rethink.graph.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.OneDnn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.Shape;

/**
 * Convolutions forward and backward under each CPU kernel path TensorFlow can take, each in its own JVM (the
 * paths are fixed at process start), against a direct loop computation of the convolution and its gradients.
 *
 * <p>The configurations stand in for the hosts CI may run on: oneDNN with the host's widest ISA; oneDNN held to
 * AVX-512 without AMX (the ISA of an AMD EPYC, where oneDNN's strided 1×1 weight gradient of a narrow input
 * crashed the JVM); oneDNN held to AVX2; and TensorFlow's own Eigen kernels (oneDNN off), where grouped
 * convolutions have no gradient unless built per group.
 */
class ConvolutionKernelPathsTest {
  /** The layers whose kernels differ by path; inputs are {@code [2, side, side, in]}. */
  enum Case {
    /** A ResNet shortcut from 8 channels: the shape that crashed oneDNN on AVX-512 without AMX. */
    NARROW_STRIDED_1X1(Conv2d.of(1, 16).withStride(2), 10, 8),
    /** A shortcut at the widths the quick studies use: oneDNN's own strided 1×1 path. */
    WIDE_STRIDED_1X1(Conv2d.of(1, 16).withStride(2), 10, 32),
    /** A ResNeXt-style grouped 3×3/2 convolution over an odd-sized map. */
    GROUPED_3X3(Conv2d.of(3, 12).withStride(2).withGroups(4), 9, 8);

    private final Conv2d layer;
    private final int side;
    private final int in;

    Case(Conv2d layer, int side, int in) {
      this.layer = layer;
      this.side = side;
      this.in = in;
    }

    Conv2d layer() {
      return layer;
    }

    Shape inputShape() {
      return Shape.of(2, side, side, in);
    }

    Shape kernelShape() {
      return Shape.of(layer.kernel(), layer.kernel(), in / layer.groups(), layer.outChannels());
    }
  }

  static Stream<Arguments> paths() {
    List<Map<String, String>> environments = List.of(
        Map.of(),
        Map.of("ONEDNN_MAX_CPU_ISA", "AVX512_CORE"),
        Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"),
        Map.of(OneDnn.ENABLE_VARIABLE, "0"));
    List<Arguments> out = new ArrayList<>();
    for (Map<String, String> env : environments) {
      for (Case c : Case.values()) {
        out.add(Arguments.of(env.isEmpty() ? "oneDNN, host ISA" : env.toString(), env, c));
      }
    }
    return out.stream();
  }

  static float[] input(Case c) {
    return TfTesting.toFloats(TfTesting.gaussian((int) c.inputShape().size(), 11));
  }

  static float[] kernel(Case c) {
    return TfTesting.toFloats(TfTesting.gaussian((int) c.kernelShape().size(), 12));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("paths")
  void forwardAndGradientsMatchADirectComputation(String label, Map<String, String> env, Case c, @TempDir Path dir)
      throws IOException, InterruptedException {
    Path log = dir.resolve("probe.txt");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ConvolutionProbe.class.getName(), c.name())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("ONEDNN_MAX_CPU_ISA");
    pb.environment().putAll(env);
    pb.environment().put("MALLOC_CHECK_", "3"); // glibc aborts on heap damage instead of running on
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), label + ": the probe did not finish in 120 s");
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), label + ", " + c + ": the probe JVM exited with " + p.exitValue() + ":\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    List<String> values = new ArrayList<>();
    for (String prefix : ConvolutionProbe.PREFIXES) {
      values.add(lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
          .findFirst().orElseThrow(() -> new AssertionError(label + ": no " + prefix + "line in\n" + lines)));
    }

    Reference ref = Reference.of(c);
    String[] names = {"y", "dL/dx", "dL/dw"};
    double[][] expected = {ref.y, ref.dx, ref.dw};
    for (int i = 0; i < 3; i++) {
      double[] got = Arrays.stream(values.get(i).split(" ")).mapToDouble(Double::parseDouble).toArray();
      assertEquals(expected[i].length, got.length, label + ": " + names[i] + " size");
      double scale = Arrays.stream(expected[i]).map(Math::abs).max().orElse(1);
      for (int k = 0; k < got.length; k++) {
        assertEquals(expected[i][k], got[k], 1e-5 * scale, label + ", " + c + ": " + names[i] + "[" + k + "]");
      }
    }
  }

  /**
   * The convolution by its definition, in doubles: torchvision padding {@code k/2} on every side, output
   * {@code floor((n + 2·(k/2) − k) / s) + 1}, group {@code g} reading input channels {@code [g·cin, (g+1)·cin)};
   * for {@code L = Σ y² / 2}, {@code dL/dy = y}, so {@code dL/dx} and {@code dL/dw} accumulate {@code y · w} and
   * {@code y · x} over every window.
   */
  private record Reference(double[] y, double[] dx, double[] dw) {
    static Reference of(Case c) {
      float[] x = input(c);
      float[] w = kernel(c);
      int n = 2;
      int h = c.side;
      int in = c.in;
      int k = c.layer.kernel();
      int s = c.layer.stride();
      int groups = c.layer.groups();
      int out = c.layer.outChannels();
      int cin = in / groups;
      int cout = out / groups;
      int pad = k / 2;
      int ho = (h + 2 * pad - k) / s + 1;
      double[] y = new double[n * ho * ho * out];
      double[] dx = new double[x.length];
      double[] dw = new double[w.length];
      for (int pass = 0; pass < 2; pass++) {
        for (int b = 0; b < n; b++) {
          for (int i = 0; i < ho; i++) {
            for (int j = 0; j < ho; j++) {
              for (int o = 0; o < out; o++) {
                int yi = ((b * ho + i) * ho + j) * out + o;
                int g = o / cout;
                double sum = 0;
                for (int a = 0; a < k; a++) {
                  for (int e = 0; e < k; e++) {
                    int r = i * s + a - pad;
                    int q = j * s + e - pad;
                    if (r < 0 || q < 0 || r >= h || q >= h) {
                      continue;
                    }
                    for (int ci = 0; ci < cin; ci++) {
                      int xi = ((b * h + r) * h + q) * in + g * cin + ci;
                      int wi = ((a * k + e) * cin + ci) * out + o;
                      if (pass == 0) {
                        sum += x[xi] * (double) w[wi];
                      } else {
                        dx[xi] += y[yi] * w[wi];
                        dw[wi] += y[yi] * x[xi];
                      }
                    }
                  }
                }
                if (pass == 0) {
                  y[yi] = sum;
                }
              }
            }
          }
        }
      }
      return new Reference(y, dx, dw);
    }
  }
}
