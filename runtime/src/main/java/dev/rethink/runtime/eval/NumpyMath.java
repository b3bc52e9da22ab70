package dev.rethink.runtime.eval;

/**
 * The few numpy behaviours the reference evaluation scripts' numbers depend on (COCOeval, {@code voc_eval.py}),
 * reproduced so that results agree to the last bit where the arithmetic allows: the stable descending sort of
 * {@code np.argsort(-x, kind='mergesort')} and the pairwise summation of {@code np.sum} / {@code np.mean} on a
 * contiguous float64 array.
 */
public final class NumpyMath {
  /** numpy's {@code PW_BLOCKSIZE}: blocks up to this length are summed with 8 accumulators. */
  private static final int PAIRWISE_BLOCK = 128;

  private NumpyMath() {}

  /**
   * Indices {@code 0..n-1} ordered by descending {@code keys}, equal keys in ascending index order (a stable sort of
   * the negated keys). {@code -0.0} and {@code 0.0} are equal, as in numpy.
   */
  public static int[] argsortDescendingStable(double[] keys, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n < 2) {
      return idx;
    }
    int[] tmp = new int[n];
    mergeSort(keys, idx, tmp, 0, n);
    return idx;
  }

  private static void mergeSort(double[] keys, int[] a, int[] tmp, int from, int to) {
    int n = to - from;
    if (n <= 16) {
      // Insertion sort: moves an element left only past strictly smaller keys, so it is stable.
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        double kv = keys[v];
        int j = i - 1;
        while (j >= from && keys[a[j]] < kv) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(keys, a, tmp, from, mid);
    mergeSort(keys, a, tmp, mid, to);
    if (!(keys[a[mid - 1]] < keys[a[mid]])) {
      // Already in order: the left half's last key is >= the right half's first.
      return;
    }
    System.arraycopy(a, from, tmp, from, n);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      // Take from the right only when strictly greater: ties keep the left (earlier) element first.
      if (keys[tmp[j]] > keys[tmp[i]]) {
        a[k++] = tmp[j++];
      } else {
        a[k++] = tmp[i++];
      }
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }

  /** {@code np.sum} of {@code a[from, from + n)}: numpy's pairwise summation ({@code pairwise_sum} in loops). */
  public static double pairwiseSum(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else if (n <= PAIRWISE_BLOCK) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        r0 += a[from + i];
        r1 += a[from + i + 1];
        r2 += a[from + i + 2];
        r3 += a[from + i + 3];
        r4 += a[from + i + 4];
        r5 += a[from + i + 5];
        r6 += a[from + i + 6];
        r7 += a[from + i + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
  }

  /** {@code np.mean}: the pairwise sum divided by the count. */
  public static double mean(double[] a, int n) {
    return pairwiseSum(a, 0, n) / n;
  }
}
