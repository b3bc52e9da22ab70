package dev.rethink.runtime.eval.coco;

import dev.rethink.runtime.mask.Rle;

/**
 * One detection in the COCO results format, with the dataset's own category id. {@code area} decides whether an
 * unmatched detection falls in a size range; the factories compute it as pycocotools' {@code COCO.loadRes} does
 * for each kind of result. Fields a kind of result does not have are null ({@code bbox} never is).
 */
public record CocoDetection(long imageId, int categoryId, double score, Box bbox, Segmentation segmentation,
    Keypoints keypoints, double area) {

  public CocoDetection {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("detection score must be finite, was " + score);
    }
    if (bbox == null) {
      throw new IllegalArgumentException("detection needs a bbox");
    }
    if (!Double.isFinite(area)) {
      throw new IllegalArgumentException("detection area must be finite, was " + area);
    }
  }

  /** A box result: area {@code w * h}; evaluated as a mask, it is the box's polygon. */
  public static CocoDetection box(long imageId, int categoryId, double score, Box bbox) {
    return new CocoDetection(imageId, categoryId, score, bbox, null, null, bbox.area());
  }

  /** A mask result: area = number of mask pixels, box = the mask's tight box. */
  public static CocoDetection mask(long imageId, int categoryId, double score, Rle mask) {
    return new CocoDetection(imageId, categoryId, score, Box.of(mask.toBbox()), new Segmentation.Mask(mask),
        null, mask.area());
  }

  /** A keypoint result: box and area of the keypoints' extent (all of them, whatever their flags). */
  public static CocoDetection keypoints(long imageId, int categoryId, double score, Keypoints keypoints) {
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < keypoints.count(); i++) {
      x0 = Math.min(x0, keypoints.x(i));
      x1 = Math.max(x1, keypoints.x(i));
      y0 = Math.min(y0, keypoints.y(i));
      y1 = Math.max(y1, keypoints.y(i));
    }
    return new CocoDetection(imageId, categoryId, score, new Box(x0, y0, x1 - x0, y1 - y0), null, keypoints,
        (x1 - x0) * (y1 - y0));
  }
}
