package dev.rethink.runtime.task;

import dev.rethink.runtime.eval.DetectionEvaluator;
import dev.rethink.runtime.eval.EvalContext;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import dev.rethink.runtime.report.provenance.DatasetIdentity;
import java.util.Map;

/**
 * Object detection (Faster / Mask / Keypoint R-CNN): batches in the {@link DetectionBatch} layout fed to the
 * detector's inputs as they are; evaluation through a {@link DetectionEvaluator}, with the results of each
 * evaluation written as {@code detections-<step>-<type>.json} in the variant's directory.
 */
public final class DetectionTask implements TrainingTask {
  private final DetectionData data;
  private final CocoGroundTruth groundTruth;
  private final DetectionEvaluator evaluator;

  /** @param groundTruth the evaluation split's COCO ground truth, or null when no variant asks for COCO AP */
  DetectionTask(DetectionData data, CocoGroundTruth groundTruth, DetectionEvaluator evaluator) {
    this.data = data;
    this.groundTruth = groundTruth;
    this.evaluator = evaluator;
  }

  DetectionData data() {
    return data;
  }

  CocoGroundTruth groundTruth() {
    return groundTruth;
  }

  @Override
  public DatasetIdentity identity(VariantSpec variant) {
    return DatasetIdentity.of(variant.data(), data);
  }

  @Override
  public int trainSize() {
    return data.trainSize();
  }

  @Override
  public int evalSize() {
    return data.evalSize();
  }

  @Override
  public FeedStream train(VariantGraph graph, long seed, int batchSize, long startBatch) {
    String variant = graph.variant().name();
    return FeedStream.of(data.train(seed, batchSize, startBatch),
        b -> DetectionFeeds.of(graph.trainInputs().keySet(), b, variant));
  }

  @Override
  public Map<String, Double> evaluate(EvalContext context) {
    String variant = context.variant().name();
    return evaluator.evaluate(context.session(), context.graph(), data, groundTruth, context.variant().eval(),
        type -> context.run().detections(variant, context.step(), type));
  }
}
