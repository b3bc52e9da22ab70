package dev.rethink.runtime.train;

import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.report.VariantSummary;
import org.tensorflow.Session;

/**
 * Observes variants as they train, with access to their session (e.g. to inspect weights). Contribute one with
 * {@code Multibinder.newSetBinder(binder(), TrainingListener.class).addBinding()}. Listeners must not close the
 * session or change the graph.
 */
public interface TrainingListener {

  /** After the variables are initialized (and the backbone restored), before the first step. */
  default void variantStarted(VariantSpec variant, Session session, VariantGraph graph) {}

  /** After the last step, evaluation and checkpoint (or the divergence), before the session is closed. */
  default void variantFinished(VariantSpec variant, Session session, VariantGraph graph, VariantSummary summary) {}
}
