package dev.rethink.graph.study;

/** What a {@link VariantGraph} lowers: a classifier or one of the R-CNN detectors (the DSL's model kinds). */
public enum ModelKind {
  /** {@code ClassifierSpec}: logits from images. */
  CLASSIFIER,
  /** {@code FasterRcnnSpec}: boxes, scores, classes. */
  FASTER_RCNN,
  /** {@code MaskRcnnSpec}: Faster R-CNN plus per-detection masks. */
  MASK_RCNN,
  /** {@code KeypointRcnnSpec}: Faster R-CNN plus per-detection keypoints. */
  KEYPOINT_RCNN;

  /** True for the R-CNN detectors (detection inputs and outputs), false for the classifier. */
  public boolean isDetector() {
    return this != CLASSIFIER;
  }
}
