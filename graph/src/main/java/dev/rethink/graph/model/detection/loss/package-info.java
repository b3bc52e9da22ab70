/** The detector's losses with Detectron2's normalizations: RPN, Fast R-CNN, mask and keypoint heads. */
package dev.rethink.graph.model.detection.loss;
