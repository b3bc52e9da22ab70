/**
 * Lowering of the R-CNN detectors ({@link dev.rethink.dsl.model.RcnnSpec}) to TensorFlow graphs, everything
 * in-graph so that a SavedModel carries the whole detector: boxes and their encoding ({@code .box}), anchors,
 * matching, sampling and proposals ({@code .anchor}), RoIAlign, FPN level assignment and head targets
 * ({@code .roi}), losses ({@code .loss}) and post-processing ({@code .inference}). Float32, NHWC. Box and
 * anchor conventions are Detectron2's (see {@code dev.rethink.dsl.model.detection}).
 */
package dev.rethink.graph.model.detection;
