/** Whole models: classifiers (and detectors); lowered by {@code dev.rethink.graph.model}. */
package dev.rethink.dsl.model;
