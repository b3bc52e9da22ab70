package dev.rethink.runtime.model;

import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.core.Placement;
import dev.rethink.graph.study.VariantGraph;
import jakarta.inject.Inject;
import org.tensorflow.Graph;

/** The {@link ModelCompiler} of the {@code graph} module: {@link VariantGraph#build}. */
final class VariantGraphCompiler implements ModelCompiler {

  @Inject
  VariantGraphCompiler() {}

  @Override
  public VariantGraph compile(Graph graph, VariantSpec variant, Placement placement) {
    return VariantGraph.build(graph, variant, placement);
  }
}
