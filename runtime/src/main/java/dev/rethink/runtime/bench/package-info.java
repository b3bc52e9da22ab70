/**
 * Benchmarks: timing of a study variant's training and inference steps ({@link
 * dev.rethink.runtime.bench.VariantBenchmark}), of the input pipeline ({@link
 * dev.rethink.runtime.bench.LoaderBenchmark}) and of COCO evaluation ({@link dev.rethink.runtime.bench.EvalBenchmark}).
 * They are run by {@code rethink bench}; they print figures and assert nothing, and are not part of the tests.
 */
package dev.rethink.runtime.bench;
