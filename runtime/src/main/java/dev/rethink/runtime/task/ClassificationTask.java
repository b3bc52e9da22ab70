package dev.rethink.runtime.task;

import dev.rethink.runtime.eval.ClassificationEvaluator;
import dev.rethink.runtime.eval.EvalContext;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.InputKey;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.ImageBatch;
import dev.rethink.runtime.report.Budget;
import dev.rethink.runtime.report.provenance.DatasetIdentity;
import java.util.Map;
import java.util.Set;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Image classification: batches of images and labels; top-k accuracy through a {@link ClassificationEvaluator}. */
public final class ClassificationTask implements TrainingTask {
  private final ClassificationData data;
  private final ClassificationEvaluator evaluator;

  ClassificationTask(ClassificationData data, ClassificationEvaluator evaluator) {
    this.data = data;
    this.evaluator = evaluator;
  }

  ClassificationData data() {
    return data;
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
        b -> feeds(graph.trainInputs().keySet(), b, variant));
  }

  /** The batch's tensors for a tower's inputs {@code keys}: images {@code [N, H, W, 3]}, labels {@code [N]}. */
  public static Feeds feeds(Set<InputKey> keys, ImageBatch b, String variant) {
    return Feeds.of(keys, Budget.classificationBatch(b.size(), b.height(), b.width()), key -> switch (key) {
      case IMAGES -> TFloat32.tensorOf(Shape.of(b.size(), b.height(), b.width(), 3),
          DataBuffers.of(b.pixels(), true, false));
      case LABELS -> TInt32.tensorOf(Shape.of(b.size()), DataBuffers.of(b.labels(), true, false));
      default -> throw new IllegalStateException(variant + ": a classification batch has no " + key
          + " for the graph's input");
    });
  }

  @Override
  public Map<String, Double> evaluate(EvalContext context) {
    return evaluator.evaluate(context.session(), context.graph(), data, context.variant().eval(),
        context.variant().schedule().imagesPerBatch());
  }
}
