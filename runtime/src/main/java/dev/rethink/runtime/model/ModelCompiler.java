package dev.rethink.runtime.model;

import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.VariantGraph;
import org.tensorflow.Graph;

/**
 * Lowers a variant into a graph. The caller owns the {@link Graph} (and closes it); nothing here opens a
 * Session, so building a graph only to count its parameters is cheap.
 */
public interface ModelCompiler {

  /** Builds {@code variant}'s training and inference towers into {@code graph}. */
  VariantGraph compile(Graph graph, VariantSpec variant);
}
