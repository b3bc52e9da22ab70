package dev.rethink.runtime.eval.coco;

/** A COCO box: top-left corner {@code (x, y)}, {@code width} and {@code height}, in pixels. */
public record Box(double x, double y, double width, double height) {

  /** Checks that all four numbers are finite and the size non-negative. */
  public Box {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)
        || width < 0 || height < 0) {
      throw new IllegalArgumentException("box [" + x + ", " + y + ", " + width + ", " + height
          + "] must be finite with non-negative width and height (COCO boxes are [x, y, w, h])");
    }
  }

  /** From {@code [x, y, w, h]}. */
  public static Box of(double[] xywh) {
    if (xywh.length != 4) {
      throw new IllegalArgumentException("box needs 4 numbers [x, y, w, h], has " + xywh.length);
    }
    return new Box(xywh[0], xywh[1], xywh[2], xywh[3]);
  }

  /** {@code width * height}: the area COCO gives a box result. */
  public double area() {
    return width * height;
  }

  /** {@code [x, y, w, h]}. */
  public double[] toArray() {
    return new double[] {x, y, width, height};
  }
}
