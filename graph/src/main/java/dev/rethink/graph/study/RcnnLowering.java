package dev.rethink.graph.study;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.InstanceHeadSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.graph.core.Placement;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.model.detection.DetectionInputs;
import dev.rethink.graph.model.detection.Detector;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Lowers an R-CNN variant ({@link RcnnSpec}, mirroring the DSL's one detector record): {@code DetectionBatch}-shaped placeholders, Detectron2's loss terms, and image-space
 * detections. The step's sampling seed is {@code [variant seed, global step]}, computed in-graph, so a run resumed
 * from a checkpoint (which holds the step) samples exactly as the uninterrupted run would have.
 */
final class RcnnLowering {
  private RcnnLowering() {}

  static Lowered lower(Ops tf, VariableStore store, VariantSpec variant, RcnnSpec spec,
      Operand<TInt64> globalStep, Placement placement) {
    variant.input().accept(new InputSpec.Visitor<Void>() {
      @Override
      public Void classification(ClassificationInput input) {
        throw new IllegalArgumentException("variants[" + variant.name() + "].input: a detector needs a"
            + " DetectionInput, got " + input);
      }

      @Override
      public Void detection(DetectionInput input) {
        return null;
      }
    });
    variant.data().knownClasses().ifPresent(classes -> {
      if (classes != spec.numClasses()) {
        throw new IllegalArgumentException("variants[" + variant.name() + "].model.numClasses is "
            + spec.numClasses() + " but the dataset " + variant.data() + " has " + classes + (classes == 1 ? " class" : " classes"));
      }
    });
    int freezeAt = variant.init().freezeAt();

    Map<InputKey, Operand<?>> train = new EnumMap<>(InputKey.class);
    Placeholder<TFloat32> images = placeholder(tf, train, InputKey.IMAGES, "", TFloat32.class, -1, -1, -1, 3);
    Placeholder<TInt32> heights = placeholder(tf, train, InputKey.IMAGE_HEIGHTS, "", TInt32.class, -1);
    Placeholder<TInt32> widths = placeholder(tf, train, InputKey.IMAGE_WIDTHS, "", TInt32.class, -1);
    Placeholder<TFloat32> boxes = placeholder(tf, train, InputKey.GT_BOXES, "", TFloat32.class, -1, -1, 4);
    Placeholder<TInt32> classes = placeholder(tf, train, InputKey.GT_CLASSES, "", TInt32.class, -1, -1);
    Placeholder<TInt32> counts = placeholder(tf, train, InputKey.GT_COUNTS, "", TInt32.class, -1);
    for (InstanceHeadSpec head : spec.instanceHeads()) {
      head.accept(new InstanceHeadSpec.Visitor<Placeholder<TFloat32>>() {
        @Override
        public Placeholder<TFloat32> mask(MaskHeadSpec m) {
          return placeholder(tf, train, InputKey.GT_MASKS, "", TFloat32.class, -1, -1, -1, -1);
        }

        @Override
        public Placeholder<TFloat32> keypoint(KeypointHeadSpec k) {
          return placeholder(tf, train, InputKey.GT_KEYPOINTS, "", TFloat32.class, -1, -1, k.numKeypoints(), 3);
        }
      });
    }
    Operand<TInt64> seed = tf.withName(VariantGraph.SAMPLING_SEED).stack(List.of(tf.constant(variant.seed()), globalStep));

    TrainingPasses losses = new TrainingPasses(tf, store, placement, train, (tower, slice) -> Detector.losses(
        tower.root(), spec, TowerInputs.detection(tower.root().tf(), slice, seed), freezeAt));

    Map<InputKey, Operand<?>> eval = new EnumMap<>(InputKey.class);
    Placeholder<TFloat32> evalImages = placeholder(tf, eval, InputKey.IMAGES, "eval_", TFloat32.class, -1, -1, -1,
        3);
    Placeholder<TInt32> evalHeights = placeholder(tf, eval, InputKey.IMAGE_HEIGHTS, "eval_", TInt32.class, -1);
    Placeholder<TInt32> evalWidths = placeholder(tf, eval, InputKey.IMAGE_WIDTHS, "eval_", TInt32.class, -1);
    Tower inference = Tower.inference(tf.withSubScope("inference"), store);
    Detector.Outputs out = Detector.infer(inference.root(), spec, evalImages,
        DetectionInputs.imageHw(inference.root().tf(), evalHeights, evalWidths), freezeAt);
    Map<OutputKey, Operand<?>> outputs = new EnumMap<>(OutputKey.class);
    output(tf, outputs, OutputKey.BOXES, out.detections().boxes());
    output(tf, outputs, OutputKey.SCORES, out.detections().scores());
    output(tf, outputs, OutputKey.CLASSES, out.detections().classes());
    output(tf, outputs, OutputKey.DETECTION_COUNTS, out.detections().count());
    for (InstanceHeadSpec head : spec.instanceHeads()) {
      head.accept(new InstanceHeadSpec.Visitor<Void>() {
        @Override
        public Void mask(MaskHeadSpec m) {
          output(tf, outputs, OutputKey.MASKS, out.maskProbabilities());
          return null;
        }

        @Override
        public Void keypoint(KeypointHeadSpec k) {
          output(tf, outputs, OutputKey.KEYPOINTS, out.keypoints());
          return null;
        }
      });
    }
    return new Lowered(true, train, losses, eval, outputs);
  }

  private static <T extends TType> Placeholder<T> placeholder(Ops tf, Map<InputKey, Operand<?>> into, InputKey key,
      String prefix, Class<T> type, long... shape) {
    Placeholder<T> p = tf.withName(prefix + key.opName()).placeholder(type, Placeholder.shape(Shape.of(shape)));
    into.put(key, p);
    return p;
  }

  private static <T extends TType> void output(Ops tf, Map<OutputKey, Operand<?>> into, OutputKey key,
      Operand<T> value) {
    into.put(key, tf.withName(key.opName()).identity(value));
  }
}
