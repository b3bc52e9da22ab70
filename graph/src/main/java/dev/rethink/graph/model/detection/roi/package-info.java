/**
 * Region-of-interest operations: FPN level assignment, RoIAlign (aligned, half-pixel), and the targets of the
 * mask and keypoint heads cropped from the ground truth.
 */
package dev.rethink.graph.model.detection.roi;
