/**
 * Gradients TensorFlow's C++ registry lacks ({@code SparseSoftmaxCrossEntropyWithLogits}, {@code TopKV2}),
 * registered in one place: {@link dev.rethink.graph.grad.CustomGradients#registerAll()}, called before any
 * {@code addGradients}.
 */
package dev.rethink.graph.grad;
