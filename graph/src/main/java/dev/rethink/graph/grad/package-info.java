/** Gradients TensorFlow's C++ registry lacks, registered in one place ({@link dev.rethink.graph.grad.CustomGradients}). */
package dev.rethink.graph.grad;
