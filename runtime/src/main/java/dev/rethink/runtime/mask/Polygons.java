package dev.rethink.runtime.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rasterization of COCO polygons and boxes exactly as pycocotools ({@code rleFrPoly}, {@code rleFrBbox},
 * {@code COCO.annToRLE}), so that masks and areas computed here equal the reference's.
 *
 * <p>The reference upsamples the polygon by 5, walks every edge in unit steps along its longer axis (rounding the
 * other coordinate half up), keeps the points where the walk crosses the vertical line through a pixel centre
 * (upsampled x = 5n + 2), and sets in column n the pixels from the rounded-up crossing heights: a pixel is inside
 * when its centre is inside the polygon, up to that rounding. An axis-aligned rectangle with integer corners
 * {@code (x0, y0)-(x1, y1)} inside the image therefore gets exactly {@code (x1-x0)(y1-y0)} pixels.
 */
public final class Polygons {
  /** The reference's upsampling factor. */
  private static final double SCALE = 5;

  private Polygons() {}

  /**
   * One polygon {@code [x0, y0, x1, y1, ...]} in pixel coordinates ({@code rleFrPoly}); points outside the image
   * are clipped.
   */
  public static Rle rasterize(double[] xy, int height, int width) {
    if (xy.length % 2 != 0 || xy.length < 2) {
      throw new IllegalArgumentException("polygon needs an even number (>= 2) of coordinates, has " + xy.length);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("polygon image size must be positive, was [" + height + ", " + width + "]");
    }
    int k = xy.length / 2;
    int[] x = new int[k + 1];
    int[] y = new int[k + 1];
    for (int j = 0; j < k; j++) {
      // C's (int) cast truncates toward zero, as Java's does.
      x[j] = (int) (SCALE * xy[j * 2] + .5);
      y[j] = (int) (SCALE * xy[j * 2 + 1] + .5);
    }
    x[k] = x[0];
    y[k] = y[0];
    long total = 0;
    for (int j = 0; j < k; j++) {
      total += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1;
    }
    int[] u = new int[Math.toIntExact(total)];
    int[] v = new int[u.length];
    int m = 0;
    // Dense boundary points, each edge walked from its first vertex to its second.
    for (int j = 0; j < k; j++) {
      int xs = x[j];
      int xe = x[j + 1];
      int ys = y[j];
      int ye = y[j + 1];
      int dx = Math.abs(xe - xs);
      int dy = Math.abs(ys - ye);
      boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
      if (flip) {
        int t = xs;
        xs = xe;
        xe = t;
        t = ys;
        ys = ye;
        ye = t;
      }
      double s = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
      if (dx >= dy) {
        for (int d = 0; d <= dx; d++) {
          int t = flip ? dx - d : d;
          u[m] = t + xs;
          // A zero-length edge gives s = NaN; that point never borders an x step, so its value is irrelevant.
          v[m] = (int) (ys + s * t + .5);
          m++;
        }
      } else {
        for (int d = 0; d <= dy; d++) {
          int t = flip ? dy - d : d;
          v[m] = t + ys;
          u[m] = (int) (xs + s * t + .5);
          m++;
        }
      }
    }
    // Crossings of pixel-centre columns, downsampled.
    int points = m;
    long[] a = new long[points + 1];
    int n = 0;
    for (int j = 1; j < points; j++) {
      if (u[j] != u[j - 1]) {
        double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
        xd = (xd + .5) / SCALE - .5;
        if (Math.floor(xd) != xd || xd < 0 || xd > width - 1) {
          continue;
        }
        double yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
        yd = (yd + .5) / SCALE - .5;
        if (yd < 0) {
          yd = 0;
        } else if (yd > height) {
          yd = height;
        }
        yd = Math.ceil(yd);
        a[n++] = (long) (int) xd * height + (int) yd;
      }
    }
    a[n++] = (long) height * width;
    long[] sorted = Arrays.copyOf(a, n);
    Arrays.sort(sorted);
    // Differences between consecutive boundaries are the runs; a zero difference (two boundaries at one pixel)
    // cancels out, so the next run is added to the previous one.
    long p = 0;
    for (int j = 0; j < n; j++) {
      long t = sorted[j];
      sorted[j] -= p;
      p = t;
    }
    int[] b = new int[n];
    int j = 0;
    int r = 0;
    b[r++] = (int) sorted[j++];
    while (j < n) {
      if (sorted[j] > 0) {
        b[r++] = (int) sorted[j++];
      } else {
        j++;
        if (j < n) {
          b[r - 1] += (int) sorted[j++];
        }
      }
    }
    return new Rle(height, width, Arrays.copyOf(b, r));
  }

  /** A box {@code [x, y, w, h]} as the polygon of its four corners ({@code rleFrBbox}). */
  public static Rle fromBox(double[] box, int height, int width) {
    if (box.length != 4) {
      throw new IllegalArgumentException("box needs 4 numbers [x, y, w, h], has " + box.length);
    }
    double xs = box[0];
    double xe = xs + box[2];
    double ys = box[1];
    double ye = ys + box[3];
    return rasterize(new double[] {xs, ys, xs, ye, xe, ye, xe, ys}, height, width);
  }

  /**
   * A COCO polygon segmentation (one object in several parts) as one mask: each part rasterized, then their union
   * ({@code COCO.annToRLE}).
   *
   * <p>The reference treats a list whose first entry has exactly 4 numbers as a list of boxes, and fails on odd
   * lengths; both are rejected here with a message.
   */
  public static Rle rasterizeAll(List<double[]> polygons, int height, int width) {
    if (polygons.isEmpty()) {
      throw new IllegalArgumentException("polygon segmentation has no polygon");
    }
    if (polygons.get(0).length <= 4) {
      throw new IllegalArgumentException("polygon segmentation's first polygon has " + polygons.get(0).length
          + " coordinates; at least 3 points (6 numbers) are needed");
    }
    List<Rle> parts = new ArrayList<>(polygons.size());
    for (int i = 0; i < polygons.size(); i++) {
      try {
        parts.add(rasterize(polygons.get(i), height, width));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("polygon " + i + ": " + e.getMessage(), e);
      }
    }
    return Rle.union(parts);
  }
}
