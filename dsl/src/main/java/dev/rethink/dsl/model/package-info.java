/**
 * Whole models: classifiers and R-CNN detectors (one {@link dev.rethink.dsl.model.RcnnSpec} for Faster / Mask /
 * Keypoint R-CNN, whose parts live in {@code dev.rethink.dsl.model.detection}); lowered by
 * {@code dev.rethink.graph.model} and {@code dev.rethink.graph.study}.
 */
package dev.rethink.dsl.model;
