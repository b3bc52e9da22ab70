package dev.rethink.graph.study;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.study.VariantSpec;
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

  static Lowered lower(Ops tf, VariableStore store, VariantSpec variant, ClassifierSpec classifier) {
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
    Tower train = Tower.training(tf.withSubScope("train"), store);
    Operand<TFloat32> logits = Classifier.logits(train.root(), images, classifier, freezeAt);
    Operand<TFloat32> cls = train.root().tf().withName(VariantGraph.CLS).identity(
        Classifier.loss(train.root().tf(), logits, labels));

    Placeholder<TFloat32> evalImages = tf.withName("eval_" + InputKey.IMAGES.opName()).placeholder(TFloat32.class,
        Placeholder.shape(imageShape));
    Tower inference = Tower.inference(tf.withSubScope("inference"), store);
    Operand<TFloat32> evalLogits = tf.withName(OutputKey.LOGITS.opName()).identity(
        Classifier.logits(inference.root(), evalImages, classifier, freezeAt));
    return new Lowered(false, Map.of(InputKey.IMAGES, images, InputKey.LABELS, labels),
        Map.of(VariantGraph.CLS, cls), train.updateOps(), Map.of(InputKey.IMAGES, evalImages),
        Map.of(OutputKey.LOGITS, evalLogits));
  }
}
