package dev.rethink.runtime.eval;

import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.report.RunDirectory;
import org.tensorflow.Session;

/**
 * What an evaluation runs on: the variant's session and graph at a training step.
 *
 * @param session the variant's session (variables at the current step)
 * @param graph its lowered graph
 * @param variant the variant (metrics in {@code eval()}, batch size in {@code schedule()})
 * @param step iterations completed
 * @param run the run directory, for the evaluation's own files (e.g. detection results)
 */
public record EvalContext(Session session, VariantGraph graph, VariantSpec variant, long step, RunDirectory run) {}
