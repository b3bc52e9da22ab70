package dev.rethink.runtime.eval;

import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.ClassificationData;
import java.util.Map;
import org.tensorflow.Session;

/** Evaluates a classifier's inference tower over a dataset's evaluation split. */
public interface ClassificationEvaluator {

  /**
   * Runs {@link VariantGraph#evalLogits()} over every evaluation image.
   *
   * @param batchSize images per session run (the last batch may be smaller)
   * @return the metrics of {@code eval} by name, e.g. {@code top1}, {@code top5} in percent
   */
  Map<String, Double> evaluate(Session session, VariantGraph graph, ClassificationData data, EvalSpec eval,
      int batchSize);
}
