/** Benchmarks of the input pipeline (run as programs; timings are printed, never asserted). */
package dev.rethink.runtime.data.bench;
