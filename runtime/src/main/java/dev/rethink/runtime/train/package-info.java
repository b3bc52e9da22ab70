/**
 * Training a study: each variant in execution order gets its own Graph and Session ({@code VariantRun}), its
 * backbone restored when it starts from another variant, an SGD loop over the data stream with logging to
 * {@code metrics.jsonl}, periodic and final evaluation, and a final checkpoint. The Guice modules here are chosen
 * by the launcher: {@link dev.rethink.runtime.train.TrainingModule} and
 * {@link dev.rethink.runtime.train.ClassificationEvaluatorModule}.
 */
package dev.rethink.runtime.train;
