package dev.rethink.runtime.mask;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A binary mask of {@code height × width} pixels as run lengths over its pixels in column-major order (down the
 * first column, then the next), alternating zeros and ones and starting with a run of zeros (possibly empty) — the
 * {@code RLE} of pycocotools and of COCO's uncompressed {@code {"size": [h, w], "counts": [...]}} form.
 *
 * <p>The counts must cover the image exactly (sum to {@code height * width}); runs of length zero are allowed
 * anywhere, as in the reference. Instances are immutable: {@link #counts()} returns a copy.
 */
public record Rle(int height, int width, int[] counts) {

  /** Validates sizes and that the runs cover the image; copies {@code counts}. */
  public Rle {
    if (height < 0 || width < 0) {
      throw new IllegalArgumentException("RLE size must be non-negative, was [" + height + ", " + width + "]");
    }
    if ((long) height * width > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("RLE size [" + height + ", " + width + "] has more than 2^31-1 pixels");
    }
    Objects.requireNonNull(counts, "counts");
    counts = counts.clone();
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("RLE counts[" + i + "] is negative: " + counts[i]);
      }
      sum += counts[i];
    }
    if (sum != (long) height * width) {
      throw new IllegalArgumentException("RLE counts sum to " + sum + " but size [" + height + ", " + width
          + "] has " + (long) height * width + " pixels (hint: counts run down columns and must cover the image)");
    }
  }

  /** A copy of the run lengths. */
  @Override
  public int[] counts() {
    return counts.clone();
  }

  /** The run lengths without a copy, for this package's loops; callers must not modify it. */
  int[] runs() {
    return counts;
  }

  /** Number of runs. */
  public int runCount() {
    return counts.length;
  }

  /** An all-zero mask. */
  public static Rle empty(int height, int width) {
    return new Rle(height, width, new int[] {height * width});
  }

  /**
   * Encodes a mask given in column-major order ({@code mask[x * height + y]}), as pycocotools'
   * {@code encode(np.asfortranarray(m))}.
   */
  public static Rle encode(boolean[] columnMajor, int height, int width) {
    checkLength(columnMajor.length, height, width);
    int[] runs = new int[columnMajor.length + 1];
    int k = 0;
    int c = 0;
    boolean p = false;
    for (boolean v : columnMajor) {
      if (v != p) {
        runs[k++] = c;
        c = 0;
        p = v;
      }
      c++;
    }
    runs[k++] = c;
    return new Rle(height, width, Arrays.copyOf(runs, k));
  }

  /** Encodes a mask given in row-major order ({@code mask[y * width + x]}), the layout of images and tensors. */
  public static Rle encodeRowMajor(boolean[] rowMajor, int height, int width) {
    checkLength(rowMajor.length, height, width);
    boolean[] columnMajor = new boolean[rowMajor.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        columnMajor[x * height + y] = rowMajor[y * width + x];
      }
    }
    return encode(columnMajor, height, width);
  }

  private static void checkLength(int length, int height, int width) {
    if ((long) height * width != length) {
      throw new IllegalArgumentException("mask has " + length + " pixels, size [" + height + ", " + width
          + "] needs " + (long) height * width);
    }
  }

  /** The mask in column-major order ({@code mask[x * height + y]}). */
  public boolean[] decode() {
    boolean[] mask = new boolean[height * width];
    int at = 0;
    boolean v = false;
    for (int run : counts) {
      if (v) {
        Arrays.fill(mask, at, at + run, true);
      }
      at += run;
      v = !v;
    }
    return mask;
  }

  /** The mask in row-major order ({@code mask[y * width + x]}). */
  public boolean[] decodeRowMajor() {
    boolean[] columnMajor = decode();
    boolean[] rowMajor = new boolean[columnMajor.length];
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        rowMajor[y * width + x] = columnMajor[x * height + y];
      }
    }
    return rowMajor;
  }

  /** Number of pixels set: the sum of the odd-indexed runs ({@code rleArea}). */
  public int area() {
    int a = 0;
    for (int j = 1; j < counts.length; j += 2) {
      a += counts[j];
    }
    return a;
  }

  /**
   * The tight box {@code [x, y, w, h]} around the set pixels, as {@code rleToBbox}: all zeros for an empty mask,
   * and — as in the reference — the full image height as soon as one run of ones spans two columns.
   */
  public double[] toBbox() {
    // Unsigned 32-bit arithmetic as in the C source; it only matters for degenerate runs of length zero.
    int h = height;
    int m = (counts.length / 2) * 2;
    if (m == 0 || h == 0) {
      return new double[4];
    }
    int xs = width;
    int ys = h;
    int xe = 0;
    int ye = 0;
    int cc = 0;
    int xp = 0;
    for (int j = 0; j < m; j++) {
      cc += counts[j];
      int t = cc - (j % 2);
      int y = Integer.remainderUnsigned(t, h);
      int x = Integer.divideUnsigned(t - y, h);
      if (j % 2 == 0) {
        xp = x;
      } else if (Integer.compareUnsigned(xp, x) < 0) {
        ys = 0;
        ye = h - 1;
      }
      xs = umin(xs, x);
      xe = umax(xe, x);
      ys = umin(ys, y);
      ye = umax(ye, y);
    }
    return new double[] {
        Integer.toUnsignedLong(xs), Integer.toUnsignedLong(ys),
        Integer.toUnsignedLong(xe - xs + 1), Integer.toUnsignedLong(ye - ys + 1)};
  }

  private static int umin(int a, int b) {
    return Integer.compareUnsigned(a, b) < 0 ? a : b;
  }

  private static int umax(int a, int b) {
    return Integer.compareUnsigned(a, b) > 0 ? a : b;
  }

  /** The union of masks of one size ({@code maskUtils.merge(rles)}); a single mask is returned as is. */
  public static Rle union(List<Rle> masks) {
    return merge(masks, false);
  }

  /** The intersection of masks of one size ({@code maskUtils.merge(rles, intersect=True)}). */
  public static Rle intersection(List<Rle> masks) {
    return merge(masks, true);
  }

  /**
   * {@code rleMerge}: folds the masks left to right, walking both run lists at once. The reference returns an
   * empty 0×0 mask for masks of different sizes; this throws instead.
   */
  public static Rle merge(List<Rle> masks, boolean intersect) {
    if (masks.isEmpty()) {
      throw new IllegalArgumentException("merge needs at least one mask");
    }
    Rle first = masks.get(0);
    if (masks.size() == 1) {
      return first;
    }
    int h = first.height;
    int w = first.width;
    int[] acc = first.counts;
    int accLength = acc.length;
    for (int i = 1; i < masks.size(); i++) {
      Rle b = masks.get(i);
      if (b.height != h || b.width != w) {
        throw new IllegalArgumentException("cannot merge masks of different sizes: mask 0 is [" + h + ", " + w
            + "], mask " + i + " is [" + b.height + ", " + b.width + "]");
      }
      int[] bc = b.counts;
      int[] out = new int[accLength + bc.length + 1];
      int m = 0;
      long ca = accLength > 0 ? acc[0] : 0;
      long cb = bc.length > 0 ? bc[0] : 0;
      boolean v = false;
      boolean va = false;
      boolean vb = false;
      int ia = 1;
      int ib = 1;
      long cc = 0;
      long ct = 1;
      while (ct > 0) {
        long c = Math.min(ca, cb);
        cc += c;
        ct = 0;
        ca -= c;
        if (ca == 0 && ia < accLength) {
          ca = acc[ia++];
          va = !va;
        }
        ct += ca;
        cb -= c;
        if (cb == 0 && ib < bc.length) {
          cb = bc[ib++];
          vb = !vb;
        }
        ct += cb;
        boolean vp = v;
        v = intersect ? va && vb : va || vb;
        if (v != vp || ct == 0) {
          out[m++] = (int) cc;
          cc = 0;
        }
      }
      acc = out;
      accLength = m;
    }
    return new Rle(h, w, Arrays.copyOf(acc, accLength));
  }

  /** The compressed string of COCO JSON files ({@code rleToString}). */
  public String toCompressedString() {
    return CompressedRle.encode(counts);
  }

  /**
   * Reads the compressed string of COCO JSON files ({@code rleFrString}).
   *
   * @throws IllegalArgumentException if the string is malformed or its runs do not cover {@code height × width}
   */
  public static Rle fromCompressedString(int height, int width, String compressed) {
    return new Rle(height, width, CompressedRle.decode(compressed));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rle r && r.height == height && r.width == width && Arrays.equals(r.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Rle[size=[" + height + ", " + width + "], counts=" + Arrays.toString(counts) + "]";
  }
}
