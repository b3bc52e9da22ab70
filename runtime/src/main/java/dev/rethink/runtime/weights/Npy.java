package dev.rethink.runtime.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * numpy's {@code .npy} format (version 1 to 3): the magic {@code \x93NUMPY}, a version, a header length, a header
 * that is a Python dict literal ({@code {'descr': '<f4', 'fortran_order': False, 'shape': (64, 3, 7, 7), }}) and
 * the raw data. Also the tensor construction the pickle readers share: dtype check, size check, Fortran order.
 */
final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  private Npy() {}

  /** Parses one {@code .npy} file's bytes as tensor {@code name} of {@code file}. */
  static WeightTensor read(Path file, String name, byte[] bytes) throws WeightsFileException {
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new WeightsFileException(file, name, "corrupt .npy header: no \\x93NUMPY magic");
    }
    int major = bytes[6] & 0xff;
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength;
    int start;
    if (major == 1) {
      headerLength = b.getShort(8) & 0xffff;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new WeightsFileException(file, name, "corrupt .npy header: truncated header length");
      }
      headerLength = b.getInt(8) & 0xffffffffL;
      start = 12;
    } else {
      throw new WeightsFileException(file, name, "corrupt .npy header: unknown format version " + major + "."
          + (bytes[7] & 0xff));
    }
    if (start + headerLength > bytes.length) {
      throw new WeightsFileException(file, name, "corrupt .npy header: its length " + headerLength
          + " runs past the end of the member (" + bytes.length + " bytes)");
    }
    String header = new String(bytes, start, (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Object parsed;
    try {
      parsed = new Literal(header).parse();
    } catch (IllegalArgumentException e) {
      throw new WeightsFileException(file, name, "corrupt .npy header " + quote(header) + ": " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> dict) || dict.get("descr") == null
        || !(dict.get("shape") instanceof List<?> shapeList) || !(dict.get("fortran_order") instanceof Boolean f)) {
      throw new WeightsFileException(file, name, "corrupt .npy header " + quote(header) + ": needs 'descr',"
          + " 'fortran_order' and 'shape'");
    }
    Object descr = dict.get("descr");
    if (!(descr instanceof String d)) {
      throw new WeightsFileException(file, name, "unknown dtype: numpy record dtype " + descr);
    }
    long[] shape = new long[shapeList.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(shapeList.get(i) instanceof Long dim) || dim < 0) {
        throw new WeightsFileException(file, name, "corrupt .npy header " + quote(header) + ": bad shape");
      }
      shape[i] = dim;
    }
    int dataStart = start + (int) headerLength;
    return tensor(file, name, NumpyType.parse(d), shape, f,
        ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice());
  }

  /**
   * A tensor from raw array data: the dtype must be known and the data exactly as long as the shape needs;
   * Fortran-ordered data is reordered to row-major.
   */
  static WeightTensor tensor(Path file, String name, NumpyType type, long[] shape, boolean fortran, ByteBuffer data)
      throws WeightsFileException {
    if (type.dtype() == null) {
      throw new WeightsFileException(file, name, "unknown dtype: " + type.describe());
    }
    int n = count(file, name, shape);
    long need = (long) n * type.dtype().bytes();
    if (data.remaining() != need) {
      throw new WeightsFileException(file, name, "holds " + data.remaining() + " bytes of data but shape "
          + Arrays.toString(shape) + " of " + type.describe() + " needs " + need + " (truncated or corrupt?)");
    }
    float[] values = new float[n];
    type.dtype().decode(data.duplicate().order(type.order()), values, 0, n);
    if (fortran && shape.length > 1) {
      long[] stride = new long[shape.length];
      long s = 1;
      for (int d = 0; d < shape.length; d++) {
        stride[d] = s;
        s *= shape[d];
      }
      values = gather(values, 0, shape, stride);
    }
    return WeightTensor.wrap(type.dtype(), shape, values);
  }

  /** The element count of {@code shape}, which must fit a Java array. */
  static int count(Path file, String name, long[] shape) throws WeightsFileException {
    long n;
    try {
      n = WeightTensor.numel(shape);
    } catch (ArithmeticException e) {
      n = -1;
    }
    if (n < 0 || n > Integer.MAX_VALUE - 8) {
      throw new WeightsFileException(file, name, "shape " + Arrays.toString(shape) + " is invalid or too large");
    }
    return (int) n;
  }

  /**
   * The row-major copy of the view {@code (offset, size, stride)} of {@code src} (PyTorch's strided tensors;
   * Fortran-ordered numpy data). The caller has checked that the view lies within {@code src}.
   */
  static float[] gather(float[] src, long offset, long[] size, long[] stride) {
    int n = (int) WeightTensor.numel(size);
    float[] out = new float[n];
    if (n == 0) {
      return out;
    }
    int rank = size.length;
    long[] index = new long[rank];
    long at = offset;
    for (int i = 0; i < n; i++) {
      out[i] = src[(int) at];
      for (int d = rank - 1; d >= 0; d--) {
        index[d]++;
        at += stride[d];
        if (index[d] < size[d]) {
          break;
        }
        at -= stride[d] * size[d];
        index[d] = 0;
      }
    }
    return out;
  }

  private static String quote(String header) {
    String h = header.strip();
    return "\"" + (h.length() > 120 ? h.substring(0, 120) + "..." : h) + "\"";
  }

  /**
   * The Python literals an {@code .npy} header uses: dicts, tuples, lists, quoted strings, integers,
   * {@code True}/{@code False}. Strings become {@link String}, integers {@link Long}, tuples and lists
   * {@link List}.
   */
  private static final class Literal {
    private final String s;
    private int i;

    Literal(String s) {
      this.s = s;
    }

    Object parse() {
      Object v = value();
      skipSpace();
      if (i != s.length()) {
        throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at " + i);
      }
      return v;
    }

    private Object value() {
      skipSpace();
      if (i >= s.length()) {
        throw new IllegalArgumentException("ends early");
      }
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
          skipSpace();
          if (peek('}')) {
            return map;
          }
          Object key = value();
          skipSpace();
          expect(':');
          map.put(key, value());
          skipSpace();
          if (!peek(',')) {
            expect('}');
            return map;
          }
        }
      }
      if (c == '(' || c == '[') {
        char close = c == '(' ? ')' : ']';
        i++;
        List<Object> items = new ArrayList<>();
        while (true) {
          skipSpace();
          if (peek(close)) {
            return items;
          }
          items.add(value());
          skipSpace();
          if (!peek(',')) {
            expect(close);
            return items;
          }
        }
      }
      if (c == '\'' || c == '"') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string");
        }
        String str = s.substring(i + 1, end);
        i = end + 1;
        return str;
      }
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-')) {
        i++;
      }
      String word = s.substring(start, i);
      switch (word) {
        case "True":
          return Boolean.TRUE;
        case "False":
          return Boolean.FALSE;
        default:
          try {
            return Long.parseLong(word.endsWith("L") ? word.substring(0, word.length() - 1) : word);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unexpected " + (word.isEmpty() ? "'" + c + "'" : word) + " at "
                + start);
          }
      }
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private boolean peek(char c) {
      if (i < s.length() && s.charAt(i) == c) {
        i++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i);
      }
    }
  }
}
