package dev.rethink.graph.study;

import dev.rethink.graph.model.detection.DetectionInputs;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** A training tower's inputs by role (its slice of the global batch), as a model's typed inputs. */
final class TowerInputs {
  private TowerInputs() {}

  /**
   * The detector inputs of one tower; masks and keypoints are null when the model has no such head.
   *
   * @param tf the tower's ops
   * @param seed the step's sampling seed
   */
  @SuppressWarnings("unchecked")
  static DetectionInputs detection(Ops tf, Map<InputKey, Operand<?>> in, Operand<TInt64> seed) {
    return new DetectionInputs((Operand<TFloat32>) in.get(InputKey.IMAGES), DetectionInputs.imageHw(tf,
        (Operand<TInt32>) in.get(InputKey.IMAGE_HEIGHTS), (Operand<TInt32>) in.get(InputKey.IMAGE_WIDTHS)),
        (Operand<TFloat32>) in.get(InputKey.GT_BOXES), (Operand<TInt32>) in.get(InputKey.GT_CLASSES),
        (Operand<TInt32>) in.get(InputKey.GT_COUNTS), (Operand<TFloat32>) in.get(InputKey.GT_MASKS),
        (Operand<TFloat32>) in.get(InputKey.GT_KEYPOINTS), seed);
  }
}
