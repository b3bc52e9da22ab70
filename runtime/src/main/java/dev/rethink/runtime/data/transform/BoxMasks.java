package dev.rethink.runtime.data.transform;

import dev.rethink.runtime.mask.Rle;

/**
 * Box masks: a full-image mask cropped to a box and resampled to {@code m × m} cells, each holding the fraction of
 * its {@value #SAMPLES}×{@value #SAMPLES} sample points (at sub-cell centres) that fall on mask pixels.
 */
public final class BoxMasks {
  /** Sample points per cell side (as RoIAlign's sampling ratio 2). */
  public static final int SAMPLES = 2;

  private BoxMasks() {}

  /** The box mask of {@code rle} over {@code box = [x0, y0, x1, y1]}, row-major. */
  public static float[] crop(Rle rle, double[] box, int m) {
    boolean[] columnMajor = rle.decode();
    int h = rle.height();
    int w = rle.width();
    double bw = (box[2] - box[0]) / m;
    double bh = (box[3] - box[1]) / m;
    int[] cols = new int[m * SAMPLES];
    int[] rows = new int[m * SAMPLES];
    for (int j = 0; j < m * SAMPLES; j++) {
      cols[j] = (int) Math.floor(box[0] + (j + 0.5) / SAMPLES * bw);
      rows[j] = (int) Math.floor(box[1] + (j + 0.5) / SAMPLES * bh);
    }
    float[] out = new float[m * m];
    float unit = 1f / (SAMPLES * SAMPLES);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        float v = 0;
        for (int a = 0; a < SAMPLES; a++) {
          int y = rows[i * SAMPLES + a];
          if (y < 0 || y >= h) {
            continue;
          }
          for (int b = 0; b < SAMPLES; b++) {
            int x = cols[j * SAMPLES + b];
            if (x >= 0 && x < w && columnMajor[x * h + y]) {
              v += unit;
            }
          }
        }
        out[i * m + j] = v;
      }
    }
    return out;
  }
}
