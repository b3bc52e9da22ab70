package dev.rethink.runtime.eval.coco;

/**
 * A ground-truth object. {@code area} is the annotation's own {@code area} field (the mask area for COCO
 * instances), which decides its size range; {@code crowd} marks an {@code iscrowd} region, which detections may
 * match without counting as true or false positives. {@code segmentation} and {@code keypoints} may be null when
 * the dataset has none; {@code numKeypoints} counts the labelled keypoints (0: ignored in keypoint evaluation).
 */
public record CocoAnnotation(long id, long imageId, int categoryId, Box bbox, double area, boolean crowd,
    Segmentation segmentation, Keypoints keypoints, int numKeypoints) {

  public CocoAnnotation {
    if (bbox == null) {
      throw new IllegalArgumentException("annotation " + id + " has no bbox");
    }
    if (!Double.isFinite(area)) {
      throw new IllegalArgumentException("annotation " + id + " has area " + area + "; it must be finite");
    }
  }

  /** A box-only annotation (no mask, no keypoints). */
  public static CocoAnnotation box(long id, long imageId, int categoryId, Box bbox, double area, boolean crowd) {
    return new CocoAnnotation(id, imageId, categoryId, bbox, area, crowd, null, null, 0);
  }
}
