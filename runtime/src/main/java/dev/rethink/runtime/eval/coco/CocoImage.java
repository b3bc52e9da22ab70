package dev.rethink.runtime.eval.coco;

/** An image of a COCO dataset: its id and size in pixels. */
public record CocoImage(long id, int width, int height) {
  public CocoImage {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image " + id + " has size " + width + "x" + height
          + "; width and height must be positive");
    }
  }
}
