/** Lowering of {@code dev.rethink.dsl.schedule}: the learning rate as graph ops of the global step. */
package dev.rethink.graph.schedule;
