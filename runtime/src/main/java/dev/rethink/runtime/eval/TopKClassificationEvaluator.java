package dev.rethink.runtime.eval;

import dev.rethink.dsl.SpecException;
import dev.rethink.dsl.eval.Accuracy;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.eval.MetricSpec;
import dev.rethink.dsl.eval.VocMap;
import dev.rethink.graph.study.VariantGraph;
import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.ImageBatch;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/** Top-k accuracy of the inference tower over the evaluation split, for {@link Accuracy} metrics. */
final class TopKClassificationEvaluator implements ClassificationEvaluator {

  @Inject
  TopKClassificationEvaluator() {}

  @Override
  public Map<String, Double> evaluate(Session session, VariantGraph graph, ClassificationData data, EvalSpec eval,
      int batchSize) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (MetricSpec metric : eval.metrics()) {
      out.putAll(metric.accept(new MetricSpec.Visitor<Map<String, Double>>() {
        @Override
        public Map<String, Double> accuracy(Accuracy spec) {
          return topK(session, graph, data, spec, batchSize);
        }

        @Override
        public Map<String, Double> cocoAp(CocoAp spec) {
          throw notClassification(spec);
        }

        @Override
        public Map<String, Double> vocMap(VocMap spec) {
          throw notClassification(spec);
        }
      }));
    }
    return out;
  }

  private static SpecException notClassification(MetricSpec metric) {
    return new SpecException("eval.metrics", metric + " is a detection metric; a classifier is evaluated with"
        + " Accuracy (hint: EvalSpec.atEnd(Accuracy.top1Top5()))");
  }

  private static Map<String, Double> topK(Session session, VariantGraph graph, ClassificationData data,
      Accuracy spec, int batchSize) {
    TopKAccuracy accuracy = new TopKAccuracy(spec.topK());
    try (BatchStream<ImageBatch> batches = data.eval(batchSize)) {
      ImageBatch b;
      while ((b = batches.next()) != null) {
        try (TFloat32 images = TFloat32.tensorOf(Shape.of(b.size(), b.height(), b.width(), 3),
                DataBuffers.of(b.pixels(), true, false));
            Result r = session.runner().feed(graph.evalImages(), images).fetch(graph.evalLogits()).run()) {
          TFloat32 logits = (TFloat32) r.get(0);
          float[] values = new float[(int) logits.size()];
          FloatDataBuffer buffer = DataBuffers.of(values, false, false);
          logits.copyTo(buffer);
          accuracy.add(values, (int) logits.shape().get(1), b.labels());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while evaluating", e);
    }
    return accuracy.summarize();
  }
}
