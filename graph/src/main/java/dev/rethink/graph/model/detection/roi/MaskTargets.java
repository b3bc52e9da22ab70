package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.GraphMath.dim;
import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.toFloat;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mask-head targets: each foreground RoI's ground-truth mask, cropped to the RoI box and resized to
 * {@code R×R} (28×28), then binarized at 0.5 (Detectron2 {@code BitMasks.crop_and_resize}: RoIAlign of the
 * bitmask in the box, {@code >= 0.5}). Built with {@link RoiAlign} at one sample per bin, i.e. {@code
 * CropAndResize} at the bin centres {@code x0 + (j + 0.5) · w / R} of the aligned convention.
 */
public final class MaskTargets {
  private MaskTargets() {}

  /**
   * @param masks ground-truth masks at image resolution {@code [N, G, H, W]}, 1 inside the instance
   * @param boxes RoI boxes {@code [M, 4]} in image pixels
   * @param batchIndex each RoI's image {@code [M]}
   * @param gtIndex each RoI's matched ground truth within its image {@code [M]}
   * @return binary targets {@code [M, R, R]} (0 / 1 floats)
   */
  public static Operand<TFloat32> crop(Ops tf, Operand<TFloat32> masks, Operand<TFloat32> boxes,
      Operand<TInt32> batchIndex, Operand<TInt32> gtIndex, int resolution) {
    Operand<TInt32> g = dim(tf, masks, 1);
    Operand<TFloat32> flat = tf.expandDims(tf.reshape(masks, tf.stack(List.of(tf.constant(-1), dim(tf, masks, 2),
        dim(tf, masks, 3)))), tf.constant(-1)); // [N·G, H, W, 1]
    Operand<TInt32> index = tf.math.add(tf.math.mul(batchIndex, g), gtIndex);
    Operand<TFloat32> soft = RoiAlign.pool(tf, flat, 1, boxes, index, resolution, 1);
    Operand<TFloat32> binary = toFloat(tf, tf.math.greaterEqual(soft, scalar(tf, 0.5)));
    return tf.squeeze(binary, org.tensorflow.op.core.Squeeze.axis(List.of(-1L)));
  }
}
