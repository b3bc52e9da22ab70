package dev.rethink.graph.model;

import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.graph.backbone.Backbones;
import dev.rethink.graph.backbone.FeatureMaps;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.init.Initializers;
import dev.rethink.graph.layers.Dense;
import dev.rethink.graph.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * {@link ClassifierSpec}: backbone → global average pooling → fully connected layer {@code head/fc}
 * (N(0, 0.01) weights, zero bias) → softmax cross-entropy, the ResNet paper's ImageNet head.
 */
public final class Classifier {
  /** Scope of the classification head. */
  public static final String HEAD = "head";
  /** The fully connected layer within the head. */
  public static final String FC = "fc";

  private Classifier() {}

  /**
   * The logits {@code [batch, numClasses]} of {@code images} in the tower of {@code root}.
   *
   * @param freezeAt leading backbone stages frozen ({@code InitSpec.freezeAt})
   */
  public static <T extends TFloating> Operand<T> logits(LayerScope root, Operand<T> images, ClassifierSpec spec,
      int freezeAt) {
    FeatureMaps<T> features = Backbones.build(root.child(Backbones.SCOPE), images, spec.backbone(), freezeAt);
    Operand<T> pooled = Pooling.globalAverage(root.tf(), features.last());
    LayerScope fc = root.child(HEAD).child(FC);
    return new Dense(spec.numClasses(), Initializers.normal(Initializers.CLASSIFIER_WEIGHT_STD)).apply(fc, pooled);
  }

  /**
   * Mean softmax cross-entropy of {@code logits} against 0-based {@code labels}. Uses
   * {@code SparseSoftmaxCrossEntropyWithLogits}, which rejects a label outside {@code [0, numClasses)} at run time
   * instead of silently scoring it as an all-zero target; its gradient comes from
   * {@link dev.rethink.graph.grad.CustomGradients}.
   */
  public static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    Operand<TFloat32> perExample = tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, labels).loss();
    return tf.math.mean(perExample, tf.constant(0));
  }
}
