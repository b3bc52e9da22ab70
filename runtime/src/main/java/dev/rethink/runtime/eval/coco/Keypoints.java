package dev.rethink.runtime.eval.coco;

import java.util.Arrays;

/** COCO keypoints {@code [x1, y1, v1, x2, y2, v2, ...]}: v = 0 not labelled, 1 labelled but hidden, 2 visible. */
public record Keypoints(double[] values) {

  /** Checks the length is a positive multiple of 3 and the numbers are finite; copies. */
  public Keypoints {
    if (values.length == 0 || values.length % 3 != 0) {
      throw new IllegalArgumentException("keypoints need 3 numbers (x, y, v) per keypoint, have " + values.length);
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("keypoints must be finite numbers, found " + v);
      }
    }
    values = values.clone();
  }

  /** Number of keypoints. */
  public int count() {
    return values.length / 3;
  }

  public double x(int i) {
    return values[3 * i];
  }

  public double y(int i) {
    return values[3 * i + 1];
  }

  /** Visibility flag (results files may carry scores here; only ground truth's matters). */
  public double v(int i) {
    return values[3 * i + 2];
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Keypoints k && Arrays.equals(values, k.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Keypoints" + Arrays.toString(values);
  }
}
