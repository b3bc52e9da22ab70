package dev.rethink.runtime.data.detection;

/**
 * One annotated object, in the original image's coordinates.
 *
 * @param id annotation id (COCO {@code id}; for VOC, a running number within the image)
 * @param label contiguous class index, 0-based
 * @param box {@code [x0, y0, x1, y1]} in continuous pixel coordinates (COCO {@code [x, y, w, h]} converted as
 *     Detectron2's {@code BoxMode.XYWH_ABS → XYXY_ABS}; VOC's 1-based corners as Detectron2's loader)
 * @param area annotated area (COCO {@code area}; box area for VOC)
 * @param crowd COCO {@code iscrowd}: a region of many objects, ignored in training and matched leniently in
 *     evaluation
 * @param difficult VOC {@code difficult}: kept in training, ignored by VOC mAP
 * @param segmentation the mask, or {@code null} if the annotation has none
 * @param keypoints {@code [x, y, v]} per keypoint with x, y in continuous coordinates (COCO's pixel-index values
 *     + 0.5, as Detectron2 loads them) and v the visibility (0 unlabeled, 1 occluded, 2 visible), or
 *     {@code null}
 */
public record Instance(long id, int label, double[] box, double area, boolean crowd, boolean difficult,
    Segmentation segmentation, float[] keypoints) {

  public double width() {
    return box[2] - box[0];
  }

  public double height() {
    return box[3] - box[1];
  }

  /** Number of keypoints with {@code v > 0}. */
  public int labeledKeypoints() {
    int n = 0;
    if (keypoints != null) {
      for (int k = 2; k < keypoints.length; k += 3) {
        n += keypoints[k] > 0 ? 1 : 0;
      }
    }
    return n;
  }
}
