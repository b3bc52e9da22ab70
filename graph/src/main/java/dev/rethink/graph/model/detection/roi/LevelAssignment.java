package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.GraphMath.scalar;

import dev.rethink.graph.model.detection.box.Boxes;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Which pyramid level a RoI pools from (FPN paper, eq. 1; Detectron2 {@code assign_boxes_to_levels}): {@code
 * floor(4 + log2(sqrt(area) / 224 + 1e-8))}, clamped to {@code [minLevel, maxLevel]}.
 */
public final class LevelAssignment {
  /** The ImageNet pre-training size that maps to the canonical level (FPN paper). */
  public static final double CANONICAL_SIZE = 224;
  /** Level of a 224² RoI: P4 (FPN paper; Detectron2 {@code ROI_CANONICAL_LEVEL}). */
  public static final int CANONICAL_LEVEL = 4;
  /** Detectron2's epsilon inside the log. */
  public static final double EPSILON = 1e-8;

  private LevelAssignment() {}

  /** Level index relative to {@code minLevel} (0 = P{minLevel}) of each box {@code [M, 4]}: int32 {@code [M]}. */
  public static Operand<TInt32> assign(Ops tf, Operand<TFloat32> boxes, int minLevel, int maxLevel) {
    Operand<TFloat32> size = tf.math.sqrt(Boxes.area(tf, boxes));
    Operand<TFloat32> log2 = tf.math.div(tf.math.log(tf.math.add(tf.math.div(size, scalar(tf, CANONICAL_SIZE)),
        scalar(tf, EPSILON))), scalar(tf, Math.log(2)));
    Operand<TFloat32> level = tf.math.floor(tf.math.add(scalar(tf, CANONICAL_LEVEL), log2));
    level = tf.clipByValue(level, scalar(tf, minLevel), scalar(tf, maxLevel));
    return tf.dtypes.cast(tf.math.sub(level, scalar(tf, minLevel)), TInt32.class);
  }
}
