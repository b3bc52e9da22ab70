package dev.rethink.runtime.data;

/**
 * A batch of classification inputs, ready to feed: {@code pixels} is NHWC float32 of shape
 * {@code [size, height, width, 3]}, already normalized; {@code labels} holds 0-based class indices.
 */
public record ImageBatch(int size, int height, int width, float[] pixels, int[] labels) {
  public ImageBatch {
    if (pixels.length != (long) size * height * width * 3 || labels.length != size) {
      throw new IllegalArgumentException("batch of " + size + " at " + height + "x" + width + " has "
          + pixels.length + " pixels and " + labels.length + " labels");
    }
  }
}
