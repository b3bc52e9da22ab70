/** Lowering of {@code dev.rethink.dsl.model}: whole networks with their losses (the classifier; detectors later). */
package dev.rethink.graph.model;
