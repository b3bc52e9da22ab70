/**
 * The training loop: each variant in execution order gets its own Graph and Session ({@code VariantRun}), its
 * backbone restored when it starts from another variant, an SGD loop over its task's feeds ({@link
 * dev.rethink.runtime.task}) with logging to {@code metrics.jsonl} and TensorBoard, periodic and final evaluation
 * ({@link dev.rethink.runtime.eval}), checkpoints every K iterations and at the end ({@link
 * dev.rethink.runtime.train.checkpoint}), a divergence guard, and a clean stop on SIGINT / SIGTERM ({@link
 * dev.rethink.runtime.train.control}). A run directory of the same study is resumed: each unfinished variant
 * continues from its latest checkpoint at the same global step, weights, momentum, data position and budget, and
 * gives the same per-step losses as an uninterrupted run on CPU. Its Guice module is {@link
 * dev.rethink.runtime.train.TrainingModule}; devices come from {@link dev.rethink.runtime.device}.
 */
package dev.rethink.runtime.train;
