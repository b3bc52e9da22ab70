package dev.rethink.runtime.data.image;

/**
 * Bilinear resampling with antialiasing, as PIL's {@code Image.resize(..., BILINEAR)} (and torchvision's
 * {@code Resize} with {@code antialias=True}): a separable triangle filter whose support widens by the
 * downscaling factor, so shrinking averages every source pixel instead of skipping some. Upscaling reduces to
 * ordinary bilinear interpolation with half-pixel centres ({@code align_corners=False}), edges clamped. Output
 * is float in [0, 255], not rounded to bytes as PIL does.
 */
public final class Resample {
  private Resample() {}

  /**
   * The region {@code [x0, x0 + w) × [y0, y0 + h)} of {@code src} resized to {@code outW × outH}, as interleaved
   * RGB floats, row-major; mirrored left-right when {@code flip}.
   */
  public static float[] resize(RgbImage src, int x0, int y0, int w, int h, int outW, int outH, boolean flip) {
    if (x0 < 0 || y0 < 0 || w < 1 || h < 1 || x0 + w > src.width() || y0 + h > src.height()) {
      throw new IllegalArgumentException("region " + x0 + "," + y0 + " " + w + "x" + h + " is outside the "
          + src.width() + "x" + src.height() + " image");
    }
    if (w == outW && h == outH) {
      return copy(src, x0, y0, w, h, flip); // the filters would be the identity
    }
    Filter fx = Filter.of(x0, w, outW);
    Filter fy = Filter.of(y0, h, outH);
    // Horizontal pass over the rows the vertical pass needs, then the vertical pass.
    int rowsFrom = fy.minIndex();
    int rowsTo = fy.maxIndex();
    int rows = rowsTo - rowsFrom;
    float[] tmp = new float[rows * outW * 3];
    byte[] rgb = src.rgb();
    int stride = src.width() * 3;
    for (int r = 0; r < rows; r++) {
      int rowBase = (rowsFrom + r) * stride;
      for (int ox = 0; ox < outW; ox++) {
        int start = fx.start[ox];
        int n = fx.count[ox];
        int wBase = ox * fx.maxTaps;
        float a = 0;
        float b = 0;
        float c = 0;
        for (int k = 0; k < n; k++) {
          float wk = fx.weights[wBase + k];
          int p = rowBase + (start + k) * 3;
          a += wk * (rgb[p] & 0xFF);
          b += wk * (rgb[p + 1] & 0xFF);
          c += wk * (rgb[p + 2] & 0xFF);
        }
        int t = (r * outW + ox) * 3;
        tmp[t] = a;
        tmp[t + 1] = b;
        tmp[t + 2] = c;
      }
    }
    float[] out = new float[outH * outW * 3];
    for (int oy = 0; oy < outH; oy++) {
      int start = fy.start[oy] - rowsFrom;
      int n = fy.count[oy];
      int wBase = oy * fy.maxTaps;
      for (int ox = 0; ox < outW; ox++) {
        float a = 0;
        float b = 0;
        float c = 0;
        for (int k = 0; k < n; k++) {
          float wk = fy.weights[wBase + k];
          int t = ((start + k) * outW + ox) * 3;
          a += wk * tmp[t];
          b += wk * tmp[t + 1];
          c += wk * tmp[t + 2];
        }
        int dx = flip ? outW - 1 - ox : ox;
        int o = (oy * outW + dx) * 3;
        out[o] = a;
        out[o + 1] = b;
        out[o + 2] = c;
      }
    }
    return out;
  }

  private static float[] copy(RgbImage src, int x0, int y0, int w, int h, boolean flip) {
    float[] out = new float[w * h * 3];
    byte[] rgb = src.rgb();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int s = ((y0 + y) * src.width() + x0 + x) * 3;
        int o = (y * w + (flip ? w - 1 - x : x)) * 3;
        out[o] = rgb[s] & 0xFF;
        out[o + 1] = rgb[s + 1] & 0xFF;
        out[o + 2] = rgb[s + 2] & 0xFF;
      }
    }
    return out;
  }

  /** The whole image resized. */
  public static float[] resize(RgbImage src, int outW, int outH) {
    return resize(src, 0, 0, src.width(), src.height(), outW, outH, false);
  }

  /** Normalized filter taps of one axis: output {@code i} reads {@code count[i]} inputs from {@code start[i]}. */
  private record Filter(int[] start, int[] count, float[] weights, int maxTaps) {

    static Filter of(int offset, int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double support = Math.max(scale, 1.0); // triangle support 1, widened when shrinking
      int maxTaps = (int) Math.ceil(support) * 2 + 1;
      int[] start = new int[outSize];
      int[] count = new int[outSize];
      float[] weights = new float[outSize * maxTaps];
      for (int i = 0; i < outSize; i++) {
        double center = (i + 0.5) * scale;
        int lo = Math.max((int) (center - support + 0.5), 0);
        int hi = Math.min((int) (center + support + 0.5), inSize);
        double total = 0;
        double[] w = new double[hi - lo];
        for (int j = lo; j < hi; j++) {
          double d = Math.abs((j + 0.5 - center) / support);
          w[j - lo] = d < 1 ? 1 - d : 0;
          total += w[j - lo];
        }
        start[i] = offset + lo;
        count[i] = hi - lo;
        for (int j = 0; j < w.length; j++) {
          weights[i * maxTaps + j] = (float) (total > 0 ? w[j] / total : 0);
        }
      }
      return new Filter(start, count, weights, maxTaps);
    }

    int minIndex() {
      int m = Integer.MAX_VALUE;
      for (int s : start) {
        m = Math.min(m, s);
      }
      return m;
    }

    int maxIndex() {
      int m = 0;
      for (int i = 0; i < start.length; i++) {
        m = Math.max(m, start[i] + count[i]);
      }
      return m;
    }
  }
}
