/**
 * The detector's learned heads: the RPN head shared over pyramid levels, the box head and its predictor, the mask
 * head and the keypoint head, with every norm kind in their convs. Variable names follow Detectron2's modules.
 */
package dev.rethink.graph.model.detection.head;
