/** Inference post-processing into image-space detections: boxes, classes, scores, pasted masks, keypoints. */
package dev.rethink.graph.model.detection.inference;
