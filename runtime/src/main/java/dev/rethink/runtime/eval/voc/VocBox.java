package dev.rethink.runtime.eval.voc;

/**
 * A VOC box in the devkit's convention: inclusive pixel coordinates {@code [xmin, ymin, xmax, ymax]}, so its width
 * is {@code xmax - xmin + 1}.
 */
public record VocBox(double xmin, double ymin, double xmax, double ymax) {
  public VocBox {
    if (!Double.isFinite(xmin) || !Double.isFinite(ymin) || !Double.isFinite(xmax) || !Double.isFinite(ymax)) {
      throw new IllegalArgumentException("VOC box [" + xmin + ", " + ymin + ", " + xmax + ", " + ymax
          + "] must be finite");
    }
  }
}
