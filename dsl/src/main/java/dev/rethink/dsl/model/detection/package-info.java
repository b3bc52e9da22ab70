/**
 * The parts of an R-CNN detector (Faster / Mask / Keypoint R-CNN): feature pyramid, region proposal network,
 * RoI heads, inference post-processing. The detector itself is {@link dev.rethink.dsl.model.RcnnSpec}.
 * Defaults follow Detectron2 ({@code configs/Base-RCNN-FPN.yaml}, {@code config/defaults.py}) and Detectron, the
 * codebases of the paper; each default is a named constant citing its source. Lowered by
 * {@code dev.rethink.graph.model.detection}.
 *
 * <p>Box conventions (Detectron2): boxes are {@code (x0, y0, x1, y1)} in continuous image coordinates, a pixel
 * {@code (i, j)} covering {@code [j, j+1) x [i, i+1)}; widths are {@code x1 - x0} (no "+1").
 */
package dev.rethink.dsl.model.detection;
