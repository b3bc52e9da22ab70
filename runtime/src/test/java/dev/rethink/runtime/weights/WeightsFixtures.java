package dev.rethink.runtime.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixtures of {@code src/test/resources/weights/} (written by its {@code make_fixtures.py} with torchvision),
 * and a reader of its reference {@code .npy} arrays that shares no code with the readers under test.
 */
public final class WeightsFixtures {
  private WeightsFixtures() {}

  /** The path of fixture {@code name}. */
  public static Path path(String name) {
    try {
      return Path.of(WeightsFixtures.class.getResource("/weights/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name + " (run make_fixtures.py)", e);
    }
  }

  /** A reference array: shape and float32 values of a little-endian, C-order {@code '<f4'} {@code .npy} file. */
  public record Reference(long[] shape, float[] values) {}

  public static Reference reference(String name) {
    try {
      byte[] bytes = Files.readAllBytes(path(name));
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int headerLength = b.getShort(8) & 0xffff;
      String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
      if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
        throw new IllegalStateException(name + ": not a C-order float32 .npy: " + header);
      }
      Matcher m = Pattern.compile("'shape': \\(([0-9, ]*)\\)").matcher(header);
      if (!m.find()) {
        throw new IllegalStateException(name + ": no shape in " + header);
      }
      long[] shape = java.util.Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
          .mapToLong(Long::parseLong).toArray();
      float[] values = new float[(bytes.length - 10 - headerLength) / 4];
      b.position(10 + headerLength);
      b.asFloatBuffer().get(values);
      return new Reference(shape, values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** NCHW values of {@code shape} rearranged to NHWC. */
  public static float[] nchwToNhwc(float[] v, long[] shape) {
    int n = (int) shape[0];
    int c = (int) shape[1];
    int h = (int) shape[2];
    int w = (int) shape[3];
    float[] out = new float[v.length];
    for (int a = 0; a < n; a++) {
      for (int k = 0; k < c; k++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            out[((a * h + y) * w + x) * c + k] = v[((a * c + k) * h + y) * w + x];
          }
        }
      }
    }
    return out;
  }
}
