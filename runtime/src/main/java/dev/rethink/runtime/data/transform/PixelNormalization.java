package dev.rethink.runtime.data.transform;

/**
 * Per-channel pixel normalization {@code (v / 255 - mean) / std} on RGB values in [0, 255].
 *
 * @param mean per-channel mean, R, G, B, on the [0, 1] scale
 * @param std per-channel standard deviation, R, G, B, on the [0, 1] scale
 */
public record PixelNormalization(float[] mean, float[] std) {

  /**
   * The ImageNet statistics used by torchvision's reference training scripts
   * ({@code transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])}).
   */
  public static final PixelNormalization IMAGENET = new PixelNormalization(
      new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

  public PixelNormalization {
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("normalization needs 3 means and 3 stds");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** Normalizes interleaved RGB values in [0, 255] in place. */
  public void apply(float[] rgb, int from, int length) {
    float[] scale = new float[3];
    float[] shift = new float[3];
    for (int c = 0; c < 3; c++) {
      scale[c] = 1f / (255f * std[c]);
      shift[c] = mean[c] / std[c];
    }
    for (int i = from; i < from + length; i += 3) {
      rgb[i] = rgb[i] * scale[0] - shift[0];
      rgb[i + 1] = rgb[i + 1] * scale[1] - shift[1];
      rgb[i + 2] = rgb[i + 2] * scale[2] - shift[2];
    }
  }
}
