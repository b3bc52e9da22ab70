package dev.rethink.graph.study;

/**
 * The inference outputs of a {@link VariantGraph}, by role ({@link VariantGraph#evalOutputs()}). Detection outputs
 * are in the pixel space of the resized, padded input images: divide coordinates by {@code DetectionBatch.scales}
 * for the original image. D = {@code InferenceSpec.detectionsPerImage} (100); entries past an image's
 * {@link #DETECTION_COUNTS count} are zero (classes -1).
 */
public enum OutputKey {
  /** float32 {@code [N, classes]}, classifier logits (moving statistics). */
  LOGITS("eval_logits"),
  /** float32 {@code [N, D, 4]}, {@code x0, y0, x1, y1}, clipped to each image's real size. */
  BOXES("detection_boxes"),
  /** float32 {@code [N, D]}, class probability, sorted descending within an image. */
  SCORES("detection_scores"),
  /** int32 {@code [N, D]}, contiguous 0-based classes, -1 in padding. */
  CLASSES("detection_classes"),
  /** int32 {@code [N]}, real detections per image. */
  DETECTION_COUNTS("detection_counts"),
  /**
   * float32 {@code [N, D, R, R]} (R = 28), each detection's mask probabilities over its box, for its class; paste
   * as {@code paste_masks_in_image} (see {@link VariantGraph}); with a mask head only.
   */
  MASKS("detection_masks"),
  /**
   * float32 {@code [N, D, K, 3]}, {@code x, y, score} (score: the heatmap's max logit); with a keypoint head only.
   * Continuous coordinates, as the ground truth the data loader feeds (COCO pixel index + 0.5): COCO results
   * take {@code x / scale - 0.5} (Detectron2's {@code instances_to_coco_json}).
   */
  KEYPOINTS("detection_keypoints");

  private final String opName;

  OutputKey(String opName) {
    this.opName = opName;
  }

  /** Name of the output op (an {@code Identity}) in the graph, e.g. for a SavedModel signature. */
  public String opName() {
    return opName;
  }
}
