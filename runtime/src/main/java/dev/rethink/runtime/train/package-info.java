/**
 * Training a study: each variant in execution order gets its own Graph and Session ({@code VariantRun}), its
 * backbone restored when it starts from another variant, an SGD loop over its task's feeds with logging to
 * {@code metrics.jsonl} and TensorBoard, periodic and final evaluation, checkpoints every K iterations and at the
 * end ({@link dev.rethink.runtime.train.checkpoint}), a divergence guard, and a clean stop on SIGINT / SIGTERM
 * ({@link dev.rethink.runtime.train.control}). A run directory of the same study is resumed: each unfinished
 * variant continues from its latest checkpoint at the same global step, weights, momentum, data position and
 * budget, and gives the same per-step losses as an uninterrupted run on CPU. The loop is task-agnostic: a
 * {@code TrainingTask} (classification or detection, chosen from the variant's input) opens the data, turns
 * batches into feeds of the graph's inputs and evaluates the inference tower. The Guice modules here are chosen
 * by the launcher: {@link dev.rethink.runtime.train.TrainingModule} and
 * {@link dev.rethink.runtime.train.ClassificationEvaluatorModule}.
 */
package dev.rethink.runtime.train;
