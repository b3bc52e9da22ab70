package dev.rethink.runtime.inference;

import dev.rethink.runtime.mask.Rle;
import java.util.Arrays;

/**
 * Pastes a detection's {@code R × R} mask of probabilities into an image, as Detectron2's
 * {@code paste_masks_in_image}: image pixel {@code (i, j)} (centre {@code (j + 0.5, i + 0.5)}) reads the mask
 * bilinearly at column {@code (j + 0.5 - x0) R / w - 0.5} and row {@code (i + 0.5 - y0) R / h - 0.5}, mask
 * cells outside {@code [0, R)} reading 0 ({@code grid_sample} with {@code align_corners=False} and zero padding);
 * the pixel is foreground where that value is {@code >= threshold}. Only the box's neighbourhood is computed
 * (Detectron2's CPU path, {@code skip_empty}): pixels whose centres lie outside the box read less than half the
 * border cell, so with a threshold of 0.5 they are background anyway. The result is run-length encoded straight
 * from that neighbourhood, without an image-sized buffer.
 */
public final class MaskPaster {
  private MaskPaster() {}

  /**
   * @param mask probabilities, row-major {@code R × R}, starting at {@code offset}
   * @param resolution R
   * @param x0 box, in the image's pixel coordinates
   * @param height image height
   * @param width image width
   * @param threshold foreground where the sampled probability is at least this
   * @return the binary mask at image size; empty for a box without area
   */
  public static Rle paste(float[] mask, int offset, int resolution, double x0, double y0, double x1, double y1,
      int height, int width, double threshold) {
    double w = x1 - x0;
    double h = y1 - y0;
    if (!(w > 0 && h > 0)) {
      return Rle.empty(height, width);
    }
    // Detectron2's region: one pixel beyond the box, within the image.
    int cx0 = Math.max((int) Math.floor(x0) - 1, 0);
    int cy0 = Math.max((int) Math.floor(y0) - 1, 0);
    int cx1 = Math.min((int) Math.ceil(x1) + 1, width);
    int cy1 = Math.min((int) Math.ceil(y1) + 1, height);
    if (cx0 >= cx1 || cy0 >= cy1) {
      return Rle.empty(height, width);
    }
    int r = resolution;
    Axis cols = Axis.of(cx0, cx1, x0, r / w, r);
    Axis rows = Axis.of(cy0, cy1, y0, r / h, r);
    Runs runs = new Runs();
    runs.add(false, (long) cx0 * height);
    for (int c = 0; c < cols.size(); c++) {
      runs.add(false, cy0);
      for (int rr = 0; rr < rows.size(); rr++) {
        double v = 0;
        for (int dy = 0; dy < 2; dy++) {
          int my = rows.cell[rr] + dy;
          double wy = dy == 0 ? 1 - rows.frac[rr] : rows.frac[rr];
          if (my < 0 || my >= r || wy == 0) {
            continue;
          }
          for (int dx = 0; dx < 2; dx++) {
            int mx = cols.cell[c] + dx;
            double wx = dx == 0 ? 1 - cols.frac[c] : cols.frac[c];
            if (mx < 0 || mx >= r || wx == 0) {
              continue;
            }
            v += wy * wx * mask[offset + my * r + mx];
          }
        }
        runs.add(v >= threshold, 1);
      }
      runs.add(false, height - cy1);
    }
    runs.add(false, (long) (width - cx1) * height);
    return new Rle(height, width, runs.counts());
  }

  /** Along one axis: each pixel's lower neighbouring mask cell and the weight of the upper one. */
  private record Axis(int[] cell, double[] frac) {
    static Axis of(int from, int to, double origin, double cellsPerPixel, int r) {
      int n = to - from;
      int[] cell = new int[n];
      double[] frac = new double[n];
      for (int k = 0; k < n; k++) {
        double s = (from + k + 0.5 - origin) * cellsPerPixel - 0.5;
        double lo = Math.floor(s);
        cell[k] = (int) Math.max(Math.min(lo, r + 1), -2);
        frac[k] = s - lo;
      }
      return new Axis(cell, frac);
    }

    int size() {
      return cell.length;
    }
  }

  /** Column-major runs, alternating background and foreground from a (possibly empty) background run. */
  private static final class Runs {
    private int[] counts = new int[16];
    private int n = 1; // counts[0] is the current background run
    private boolean current;

    void add(boolean value, long count) {
      if (count <= 0) {
        return;
      }
      if (value != current) {
        if (n == counts.length) {
          counts = Arrays.copyOf(counts, 2 * n);
        }
        n++;
        current = value;
      }
      counts[n - 1] += (int) count;
    }

    int[] counts() {
      return Arrays.copyOf(counts, n);
    }
  }
}
