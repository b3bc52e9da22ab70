package dev.rethink.graph.study;

/**
 * The placeholders of a {@link VariantGraph}, by role, so that a feeder needs no knowledge of the model kind:
 * feed every entry of {@link VariantGraph#trainInputs()} / {@link VariantGraph#evalInputs()}. Detection inputs
 * have the runtime's {@code DetectionBatch} layout exactly (a plain copy of its arrays). H, W are the batch's
 * padded size (any size; a multiple of 32 for FPN), N the batch size (any), G the ground-truth slots per image
 * ({@code DetectionBatch.maxInstances}).
 */
public enum InputKey {
  /** float32 {@code [N, H, W, 3]}, normalized RGB, NHWC ({@code ImageBatch} / {@code DetectionBatch.pixels}). */
  IMAGES("images"),
  /** int32 {@code [N]}, 0-based class indices (classifier only). */
  LABELS("labels"),
  /** int32 {@code [N]}, each image's height before padding ({@code DetectionBatch.imageHeights}). */
  IMAGE_HEIGHTS("image_heights"),
  /** int32 {@code [N]}, each image's width before padding ({@code DetectionBatch.imageWidths}). */
  IMAGE_WIDTHS("image_widths"),
  /** float32 {@code [N, G, 4]}, {@code x0, y0, x1, y1} in resized-image pixels ({@code DetectionBatch.boxes}). */
  GT_BOXES("gt_boxes"),
  /** int32 {@code [N, G]}, contiguous 0-based classes, -1 in padding ({@code DetectionBatch.classes}). */
  GT_CLASSES("gt_classes"),
  /** int32 {@code [N]}, real ground truths per image ({@code DetectionBatch.instanceCounts}). */
  GT_COUNTS("gt_counts"),
  /**
   * float32 {@code [N, G, S, S]}, box masks: each instance's mask cropped to its box, soft values in [0, 1]
   * ({@code DetectionBatch.masks}, S = {@code maskSize}, 56); with a mask head only.
   */
  GT_MASKS("gt_masks"),
  /**
   * float32 {@code [N, G, K, 3]}, {@code x, y, visibility} in resized-image pixels ({@code DetectionBatch.keypoints},
   * K = the keypoint head's {@code numKeypoints}); with a keypoint head only.
   */
  GT_KEYPOINTS("gt_keypoints");

  private final String opName;

  InputKey(String opName) {
    this.opName = opName;
  }

  /** Name of the training placeholder; the inference placeholder is {@code eval_} + this. */
  public String opName() {
    return opName;
  }
}
