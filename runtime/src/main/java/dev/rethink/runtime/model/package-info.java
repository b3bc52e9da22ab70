/**
 * The Guice side of the {@code graph} module: {@link dev.rethink.runtime.model.ModelCompiler} turns a
 * {@link dev.rethink.dsl.study.VariantSpec} into a {@link dev.rethink.graph.study.VariantGraph} inside a Graph that
 * the caller owns.
 */
package dev.rethink.runtime.model;
