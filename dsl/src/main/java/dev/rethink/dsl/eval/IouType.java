package dev.rethink.dsl.eval;

import java.util.Locale;

/**
 * What a COCO detection is compared with its ground truth by: the {@code iouType} of pycocotools' COCOeval.
 */
public enum IouType {
  /** Box IoU: box AP, the paper's main metric (Tables 1-2). */
  BBOX,
  /** Mask IoU on run-length-encoded masks: mask AP (Mask R-CNN). */
  SEGM,
  /** Object keypoint similarity with the COCO per-keypoint sigmas: keypoint AP (paper section 5, Mask R-CNN keypoints). */
  KEYPOINTS;

  /** The name COCO tools use: {@code bbox}, {@code segm}, {@code keypoints}. */
  public String cocoName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
