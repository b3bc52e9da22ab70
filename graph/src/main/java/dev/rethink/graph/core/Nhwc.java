package dev.rethink.graph.core;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;

/** Facts about NHWC tensors, the layout of every feature map here (MaxPool in NCHW does not run on CPU). */
public final class Nhwc {
  /** The channel axis. */
  public static final int CHANNELS = 3;

  private Nhwc() {}

  /**
   * The static channel count of {@code x}.
   *
   * @param layer names the layer in the error
   * @throws IllegalArgumentException when {@code x} is not 4-D or its channels are unknown
   */
  public static int channels(Operand<?> x, String layer) {
    Shape s = x.shape();
    if (s.isUnknown() || s.numDimensions() != 4 || s.get(CHANNELS) < 0) {
      throw new IllegalArgumentException(layer + ": needs an NHWC input with a known channel count, got shape " + s);
    }
    return (int) s.get(CHANNELS);
  }
}
