/**
 * A detector's inference outputs turned into results in the dataset's terms, with Detectron2's semantics: boxes
 * scaled from the resized input back to the original image, clipped, empty ones dropped
 * ({@code detector_postprocess}); per-detection mask probabilities pasted into the original image and binarized
 * ({@code paste_masks_in_image}), then run-length encoded; keypoints scaled back; contiguous classes mapped to the
 * dataset's category ids ({@code instances_to_coco_json}).
 */
package dev.rethink.runtime.inference;
