package dev.rethink.runtime.weights;

import java.nio.ByteOrder;

/**
 * A numpy dtype as {@code .npy} headers and pickled {@code numpy.dtype} objects spell it ({@code '<f4'},
 * {@code 'f8'} with a separate byte order, {@code '|u1'}), with the {@link DType} it reads as, or none.
 *
 * @param descr the spelling, for messages
 * @param dtype the element type, null when this package does not read it (complex, strings, objects, records)
 * @param order byte order of the data
 */
record NumpyType(String descr, DType dtype, ByteOrder order) {

  /** Parses {@code descr}: an optional byte order ({@code < > | =}), a kind letter and an item size. */
  static NumpyType parse(String descr) {
    return parse(descr, null);
  }

  /** As {@link #parse(String)}, with the byte order given apart ({@code numpy.dtype}'s pickled state). */
  static NumpyType parse(String descr, String byteOrder) {
    String s = descr;
    char order = byteOrder == null || byteOrder.isEmpty() ? '=' : byteOrder.charAt(0);
    if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
      order = s.charAt(0);
      s = s.substring(1);
    }
    ByteOrder bytes = order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN; // '=' is native: x86, ARM
    return new NumpyType(descr, of(s), bytes);
  }

  private static DType of(String kindAndSize) {
    return switch (kindAndSize) {
      case "f8", "d" -> DType.FLOAT64;
      case "f4", "f" -> DType.FLOAT32;
      case "f2", "e" -> DType.FLOAT16;
      case "i8", "q" -> DType.INT64;
      case "i4", "i" -> DType.INT32;
      case "i2", "h" -> DType.INT16;
      case "i1", "b" -> DType.INT8;
      case "u1", "B" -> DType.UINT8;
      case "b1", "?" -> DType.BOOL;
      default -> null;
    };
  }

  /** A readable name for messages: numpy's own for the common unknown kinds. */
  String describe() {
    String s = descr.isEmpty() || "<>|=".indexOf(descr.charAt(0)) < 0 ? descr : descr.substring(1);
    String name = switch (s.isEmpty() ? ' ' : s.charAt(0)) {
      case 'c' -> "complex";
      case 'O' -> "object";
      case 'U', 'S', 'a' -> "string";
      case 'V' -> "void / record";
      case 'M', 'm' -> "datetime";
      default -> null;
    };
    return "numpy dtype '" + descr + "'" + (name == null ? "" : " (" + name + ")");
  }
}
