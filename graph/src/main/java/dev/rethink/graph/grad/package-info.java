/**
 * Gradients TensorFlow's C++ registry lacks, registered once through {@link
 * dev.rethink.graph.grad.CustomGradients#registerAll()} before any {@code addGradients} call.
 */
package dev.rethink.graph.grad;
