/** Optimizer choices; lowered by {@code dev.rethink.graph.optim}. */
package dev.rethink.dsl.optim;
