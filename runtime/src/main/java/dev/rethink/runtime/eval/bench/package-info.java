/** Timing of evaluation on generated data ({@link dev.rethink.runtime.eval.bench.EvalBenchmark}); not part of the test suite. */
package dev.rethink.runtime.eval.bench;
