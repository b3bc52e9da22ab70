/**
 * TensorBoard event files written with TensorFlow's own summary kernels
 * ({@code CreateSummaryFileWriter}, {@code WriteScalarSummary}, {@code WriteGraphSummary}), so that
 * {@code tensorboard --logdir <run>/variants} shows each variant's losses, LR, throughput, evaluation metrics and
 * graph.
 */
package dev.rethink.runtime.train.tensorboard;
