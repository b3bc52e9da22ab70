package dev.rethink.graph.study;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.core.Placement;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.model.Classifier;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Lowers a classifier variant: images and labels in, softmax cross-entropy {@code cls}, logits out. */
final class ClassifierLowering {
  private ClassifierLowering() {}

  static Lowered lower(Ops tf, VariableStore store, VariantSpec variant, ClassifierSpec classifier,
      Placement placement) {
    int size = variant.input().accept(new InputSpec.Visitor<Integer>() {
      @Override
      public Integer classification(ClassificationInput spec) {
        return spec.size();
      }

      @Override
      public Integer detection(DetectionInput spec) {
        throw new IllegalArgumentException("variants[" + variant.name() + "].input: a classifier needs a"
            + " ClassificationInput, got " + spec);
      }
    });
    int freezeAt = variant.init().freezeAt();
    Shape imageShape = Shape.of(-1, size, size, 3);
    Placeholder<TFloat32> images = tf.withName(InputKey.IMAGES.opName()).placeholder(TFloat32.class,
        Placeholder.shape(imageShape));
    Placeholder<TInt32> labels = tf.withName(InputKey.LABELS.opName()).placeholder(TInt32.class,
        Placeholder.shape(Shape.of(-1)));
    Map<InputKey, Operand<?>> inputs = Map.of(InputKey.IMAGES, images, InputKey.LABELS, labels);
    TrainingPasses passes = new TrainingPasses(tf, store, placement, inputs, (tower, in) -> {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> x = (Operand<TFloat32>) in.get(InputKey.IMAGES);
      @SuppressWarnings("unchecked")
      Operand<TInt32> y = (Operand<TInt32>) in.get(InputKey.LABELS);
      Operand<TFloat32> logits = Classifier.logits(tower.root(), x, classifier, freezeAt);
      return Map.of(VariantGraph.CLS, tower.root().tf().withName(VariantGraph.CLS).identity(
          Classifier.loss(tower.root().tf(), logits, y)));
    });

    Placeholder<TFloat32> evalImages = tf.withName("eval_" + InputKey.IMAGES.opName()).placeholder(TFloat32.class,
        Placeholder.shape(imageShape));
    Tower inference = Tower.inference(tf.withSubScope("inference"), store);
    Operand<TFloat32> evalLogits = tf.withName(OutputKey.LOGITS.opName()).identity(
        Classifier.logits(inference.root(), evalImages, classifier, freezeAt));
    return new Lowered(false, inputs, passes, Map.of(InputKey.IMAGES, evalImages),
        Map.of(OutputKey.LOGITS, evalLogits));
  }
}
