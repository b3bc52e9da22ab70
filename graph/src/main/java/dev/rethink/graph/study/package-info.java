/**
 * A whole variant — classifier or R-CNN detector — lowered to one training-and-inference graph
 * ({@link dev.rethink.graph.study.VariantGraph}), with its inputs and outputs found by role
 * ({@link dev.rethink.graph.study.InputKey}, {@link dev.rethink.graph.study.OutputKey}).
 */
package dev.rethink.graph.study;
