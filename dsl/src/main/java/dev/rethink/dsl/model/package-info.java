/**
 * Whole models: classifiers and R-CNN detectors (Faster / Mask / Keypoint R-CNN, whose parts live in
 * {@code dev.rethink.dsl.model.detection}); lowered by {@code dev.rethink.graph.model}.
 */
package dev.rethink.dsl.model;
