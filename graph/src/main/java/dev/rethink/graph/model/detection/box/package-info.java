/** Boxes {@code (x0, y0, x1, y1)}: areas, pairwise IoU, clipping, and the weighted delta encoding. */
package dev.rethink.graph.model.detection.box;
