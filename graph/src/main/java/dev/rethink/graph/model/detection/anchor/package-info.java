/**
 * The RPN's box machinery: anchors on each feature map, IoU matching to ground truth, seeded balanced sampling,
 * and proposal selection (per-level top-k, clipping, small-box removal, NMS, top-k over levels).
 */
package dev.rethink.graph.model.detection.anchor;
