package dev.rethink.runtime.weights;

import java.nio.ByteBuffer;

/**
 * The element types a weights file may store that this package reads (all are widened or narrowed to float32 on
 * reading). Anything else — complex, float8, strings, objects — is an unknown dtype, an error naming the tensor.
 */
public enum DType {
  FLOAT64(8),
  FLOAT32(4),
  FLOAT16(2),
  BFLOAT16(2),
  INT64(8),
  INT32(4),
  INT16(2),
  INT8(1),
  UINT8(1),
  BOOL(1);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** True for the floating types. */
  public boolean floating() {
    return this == FLOAT64 || this == FLOAT32 || this == FLOAT16 || this == BFLOAT16;
  }

  /**
   * Decodes {@code count} elements from {@code src} (its position and byte order are used and the position
   * advanced) into {@code out[offset ...]}.
   */
  void decode(ByteBuffer src, float[] out, int offset, int count) {
    switch (this) {
      case FLOAT64 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = (float) src.getDouble();
        }
      }
      case FLOAT32 -> src.asFloatBuffer().get(out, offset, count);
      case FLOAT16 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = halfToFloat(src.getShort());
        }
      }
      case BFLOAT16 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = Float.intBitsToFloat((src.getShort() & 0xffff) << 16);
        }
      }
      case INT64 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = src.getLong();
        }
      }
      case INT32 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = src.getInt();
        }
      }
      case INT16 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = src.getShort();
        }
      }
      case INT8 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = src.get();
        }
      }
      case UINT8, BOOL -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = src.get() & 0xff;
        }
      }
      default -> throw new AssertionError(this);
    }
    if (this == FLOAT32) {
      src.position(src.position() + 4 * count);
    }
  }

  /** IEEE 754 binary16 to float32, exact (every half is a float); Java 17 has no {@code Float.float16ToFloat}. */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // infinity or NaN
    }
    if (exponent == 0) {
      float subnormal = mantissa * 0x1p-24f; // includes +-0
      return sign != 0 ? -subnormal : subnormal;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
