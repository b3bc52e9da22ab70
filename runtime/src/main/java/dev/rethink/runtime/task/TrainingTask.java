package dev.rethink.runtime.task;

import dev.rethink.runtime.eval.EvalContext;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.report.provenance.DatasetIdentity;
import dev.rethink.graph.study.VariantGraph;
import java.util.Map;

/**
 * What a variant learns, as the step loop sees it: an opened dataset that yields training batches as graph
 * feeds, and an evaluation over its evaluation split. The loop itself ({@link VariantTrainer}) is the same for
 * every task; {@link StudyData} picks the implementation from the variant's input ({@link ClassificationTask},
 * {@code DetectionTask}).
 */
public interface TrainingTask {

  /** The dataset as opened, for the run's provenance record. */
  DatasetIdentity identity(VariantSpec variant);

  /** Training images (after the dataset's own filtering). */
  int trainSize();

  /** Evaluation images. */
  int evalSize();

  /**
   * Endless training batches for {@code graph}'s training inputs, in the data's order from {@code seed},
   * starting at global batch {@code startBatch} (a resumed run sees the batches it would have seen).
   */
  FeedStream train(VariantGraph graph, long seed, int batchSize, long startBatch);

  /**
   * Runs the inference tower over the evaluation split.
   *
   * @return the metrics of the variant's {@code eval} spec by name, in a stable order
   */
  Map<String, Double> evaluate(EvalContext context);
}
