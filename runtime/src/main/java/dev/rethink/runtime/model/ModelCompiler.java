package dev.rethink.runtime.model;

import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.core.Placement;
import dev.rethink.graph.study.VariantGraph;
import org.tensorflow.Graph;

/**
 * Lowers a variant into a graph. The caller owns the {@link Graph} (and closes it); nothing here opens a
 * Session, so building a graph only to count its parameters is cheap.
 */
public interface ModelCompiler {

  /** Builds {@code variant}'s training and inference towers into {@code graph}, one training tower. */
  default VariantGraph compile(Graph graph, VariantSpec variant) {
    return compile(graph, variant, Placement.single());
  }

  /** Builds {@code variant} with the training towers and accumulation passes of {@code placement}. */
  VariantGraph compile(Graph graph, VariantSpec variant, Placement placement);
}
