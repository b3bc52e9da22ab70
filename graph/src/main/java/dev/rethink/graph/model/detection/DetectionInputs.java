package dev.rethink.graph.model.detection;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A training batch as graph inputs, in the runtime's {@code DetectionBatch} layout. Images of different sizes are
 * zero-padded (bottom/right) to the batch's size; ground truth is padded to {@code G} slots per image with a count.
 * The batch size N may be dynamic.
 *
 * @param images {@code [N, H, W, 3]}, normalized
 * @param imageHw each image's real (height, width) before padding, {@code [N, 2]} (see {@link #imageHw})
 * @param boxes ground-truth boxes {@code (x0, y0, x1, y1)} in pixels, {@code [N, G, 4]}
 * @param classes ground-truth classes, contiguous 0-based {@code 0…K-1}, {@code -1} in padding, {@code [N, G]}
 * @param counts real ground truths per image, {@code [N]}
 * @param masks box masks {@code [N, G, S, S]}: each instance's mask cropped to its box and resampled to
 *     {@code S×S}, soft values in [0, 1] (see {@link dev.rethink.graph.model.detection.roi.MaskTargets}), or null
 *     without a mask head
 * @param keypoints {@code [N, G, K, 3]} (x, y in continuous pixels, visibility), or null without a keypoint head
 * @param seed int64 {@code [2]} seed of the step's sampling, e.g. {@code [variantSeed, step]}
 */
public record DetectionInputs(Operand<TFloat32> images, Operand<TFloat32> imageHw, Operand<TFloat32> boxes,
    Operand<TInt32> classes, Operand<TInt32> counts, Operand<TFloat32> masks, Operand<TFloat32> keypoints,
    Operand<TInt64> seed) {

  /** Image sizes {@code [N, 2]} (float height, width) from int32 heights and widths {@code [N]} each. */
  public static Operand<TFloat32> imageHw(Ops tf, Operand<TInt32> heights, Operand<TInt32> widths) {
    return tf.dtypes.cast(tf.stack(List.of(heights, widths), Stack.axis(1L)), TFloat32.class);
  }
}
