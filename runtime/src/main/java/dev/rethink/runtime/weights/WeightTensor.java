package dev.rethink.runtime.weights;

import java.util.Arrays;

/**
 * One tensor of a weights file: its stored element type, its shape in the source's layout (row-major) and its
 * values as float32. Immutable: the accessors copy.
 */
public final class WeightTensor {
  private final DType dtype;
  private final long[] shape;
  private final float[] values;

  private WeightTensor(DType dtype, long[] shape, float[] values) {
    this.dtype = dtype;
    this.shape = shape;
    this.values = values;
  }

  /**
   * A tensor of {@code shape} holding {@code values} in row-major order (copied).
   *
   * @throws IllegalArgumentException when the number of values is not the product of the shape
   */
  public static WeightTensor of(DType dtype, long[] shape, float[] values) {
    long n = numel(shape);
    if (n != values.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
          + values.length);
    }
    return new WeightTensor(dtype, shape.clone(), values.clone());
  }

  /** A float32 tensor (test and tool convenience). */
  public static WeightTensor of(long[] shape, float... values) {
    return of(DType.FLOAT32, shape, values);
  }

  /** Wraps arrays the caller gives up (readers: no copy of large tensors). */
  static WeightTensor wrap(DType dtype, long[] shape, float[] values) {
    return new WeightTensor(dtype, shape, values);
  }

  /** The element type stored in the file (values are float32 here whatever it was). */
  public DType dtype() {
    return dtype;
  }

  /** The shape as stored (PyTorch layout for PyTorch files). */
  public long[] shape() {
    return shape.clone();
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Size of dimension {@code d}. */
  public long dim(int d) {
    return shape[d];
  }

  /** Number of values. */
  public int size() {
    return values.length;
  }

  /** The values, row-major (a copy). */
  public float[] values() {
    return values.clone();
  }

  /** Value {@code i} in row-major order. */
  public float get(int i) {
    return values[i];
  }

  /** The shared array: for this package and the mapping, which never write to it. */
  float[] valuesNoCopy() {
    return values;
  }

  /** Product of a shape's dimensions (1 for a scalar); -1 when a dimension is negative or it overflows. */
  static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        return -1;
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public String toString() {
    return dtype.name().toLowerCase(java.util.Locale.ROOT) + Arrays.toString(shape);
  }
}
