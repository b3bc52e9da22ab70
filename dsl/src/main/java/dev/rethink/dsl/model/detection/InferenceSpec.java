package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * Post-processing of the box head's outputs into detections (Detectron2 {@code fast_rcnn_inference}): per-class
 * boxes decoded from the proposals and clipped, scores below a threshold dropped, NMS per class, the top
 * detections per image kept; masks are pasted into the image and binarized.
 *
 * @param scoreThreshold detections scoring below are dropped
 * @param nmsIou per-class NMS IoU threshold
 * @param detectionsPerImage detections kept per image
 * @param maskThreshold a pasted mask's pixel is foreground where the sigmoid ≥ this
 */
public record InferenceSpec(double scoreThreshold, double nmsIou, int detectionsPerImage, double maskThreshold) {
  /** Detectron2 {@code ROI_HEADS.SCORE_THRESH_TEST = 0.05}. */
  public static final double SCORE_THRESHOLD = 0.05;
  /** Detectron2 {@code ROI_HEADS.NMS_THRESH_TEST = 0.5}. */
  public static final double NMS_IOU = 0.5;
  /** Detectron2 {@code TEST.DETECTIONS_PER_IMAGE = 100} (COCO's maximum). */
  public static final int DETECTIONS_PER_IMAGE = 100;

  public InferenceSpec {
    if (SpecParts.checkNow()) {
      require(scoreThreshold >= 0 && scoreThreshold < 1, "scoreThreshold", "must be in [0, 1), was "
          + scoreThreshold);
      require(nmsIou > 0 && nmsIou <= 1, "nmsIou", "must be in (0, 1], was " + nmsIou);
      require(detectionsPerImage >= 1, "detectionsPerImage", "must be >= 1, was " + detectionsPerImage);
      require(maskThreshold > 0 && maskThreshold < 1, "maskThreshold", "must be in (0, 1), was "
          + maskThreshold);
    }
  }

  /** Detectron2's inference settings. */
  public static InferenceSpec detectron() {
    return new InferenceSpec(SCORE_THRESHOLD, NMS_IOU, DETECTIONS_PER_IMAGE, MaskHeadSpec.MASK_THRESHOLD);
  }

  public InferenceSpec withDetectionsPerImage(int n) {
    return new InferenceSpec(scoreThreshold, nmsIou, n, maskThreshold);
  }
}
