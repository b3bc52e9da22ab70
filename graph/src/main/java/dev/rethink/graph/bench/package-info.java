/** Benchmarks that print timings on this machine; not tests. */
package dev.rethink.graph.bench;
