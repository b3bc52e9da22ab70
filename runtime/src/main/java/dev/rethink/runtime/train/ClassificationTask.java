package dev.rethink.runtime.train;

import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.ImageBatch;
import dev.rethink.runtime.report.Budget;
import dev.rethink.runtime.report.provenance.DatasetIdentity;
import java.util.Map;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Image classification: batches of images and labels; top-k accuracy through a {@link ClassificationEvaluator}. */
final class ClassificationTask implements TrainingTask {
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
    BatchStream batches = data.train(seed, batchSize, startBatch);
    return new FeedStream() {
      @Override
      public Feeds next() throws InterruptedException {
        ImageBatch b = batches.next();
        return b == null ? null : feeds(graph, b);
      }

      @Override
      public double waitSeconds() {
        return batches.waitSeconds();
      }

      @Override
      public void close() {
        batches.close();
      }
    };
  }

  /** Images {@code [N, H, W, 3]} and labels {@code [N]} for the training inputs. */
  static Feeds feeds(VariantGraph graph, ImageBatch b) {
    Feeds feeds = new Feeds(Budget.classificationBatch(b.size(), b.height(), b.width()));
    try {
      feeds.put(graph.images(), TFloat32.tensorOf(Shape.of(b.size(), b.height(), b.width(), 3),
          DataBuffers.of(b.pixels(), true, false)));
      feeds.put(graph.labels(), TInt32.tensorOf(Shape.of(b.size()), DataBuffers.of(b.labels(), true, false)));
      return feeds;
    } catch (RuntimeException e) {
      feeds.close();
      throw e;
    }
  }

  @Override
  public Map<String, Double> evaluate(EvalContext context) {
    return evaluator.evaluate(context.session(), context.graph(), data, context.variant().eval(),
        context.variant().schedule().imagesPerBatch());
  }
}
