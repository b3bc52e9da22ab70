package dev.rethink.runtime.data.image;

/**
 * A decoded image: {@code rgb} holds {@code height * width * 3} bytes, row-major, interleaved R, G, B (unsigned).
 */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    if (width < 1 || height < 1 || rgb.length != width * height * 3) {
      throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (width * height * 3)
          + " bytes, has " + rgb.length);
    }
  }

  /** Channel {@code c} of pixel ({@code x}, {@code y}) in [0, 255]. */
  public int at(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xFF;
  }

  /** Bytes held, for cache budgets. */
  public long bytes() {
    return rgb.length;
  }
}
