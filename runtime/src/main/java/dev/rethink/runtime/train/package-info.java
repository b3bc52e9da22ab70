/**
 * Training a study: each variant in execution order gets its own Graph and Session ({@code VariantRun}), its
 * backbone restored when it starts from another variant, an SGD loop over its task's feeds with logging to
 * {@code metrics.jsonl}, periodic and final evaluation, and a final checkpoint. The loop is task-agnostic: a
 * {@code TrainingTask} (classification or detection, chosen from the variant's input) opens the data, turns
 * batches into feeds of the graph's inputs and evaluates the inference tower. The Guice modules here are chosen
 * by the launcher: {@link dev.rethink.runtime.train.TrainingModule} and
 * {@link dev.rethink.runtime.train.ClassificationEvaluatorModule}.
 */
package dev.rethink.runtime.train;
