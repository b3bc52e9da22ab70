/**
 * Inference post-processing into image-space detections: boxes, classes, scores, per-detection mask
 * probabilities, keypoints; and the reference of Detectron2's mask pasting ({@code PostProcessing.pasteMasks}).
 */
package dev.rethink.graph.model.detection.inference;
