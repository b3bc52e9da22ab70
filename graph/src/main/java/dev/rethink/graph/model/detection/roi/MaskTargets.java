package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.GraphMath.dim;
import static dev.rethink.graph.model.detection.GraphMath.last;
import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.stackLast;
import static dev.rethink.graph.model.detection.GraphMath.toFloat;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.image.CropAndResize;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mask-head targets from <em>box masks</em>: each ground-truth instance's mask cropped to its box and resampled to
 * {@code S×S} (the runtime's {@code DetectionBatch} layout, S = 56), so a batch never holds full-image masks.
 *
 * <p>Reference semantics (Detectron2 {@code BitMasks.crop_and_resize}, i.e. RoIAlign with {@code aligned=True} and
 * one sample per bin on the full-image mask, then {@code >= 0.5}): target cell {@code (i, j)} of an {@code R×R}
 * target for RoI {@code p} samples the mask at the bin centre {@code (p.x0 + (j + 0.5) p.w / R, p.y0 + (i + 0.5)
 * p.h / R)}. Box-mask cell {@code (a, b)} of ground truth {@code g} holds the mask's coverage of {@code [g.x0 + b
 * g.w / S, g.x0 + (b + 1) g.w / S) × [...]}, i.e. it is the mask's value at the cell centre; outside the box the
 * mask is 0. So a bin centre {@code x} reads the box mask bilinearly at cell coordinate {@code (x - g.x0) S / g.w
 * - 0.5} (cell centres at integers), with zeros beyond the box — half a cell past the box edge it blends the edge
 * cell with 0. When a box-mask cell is exactly one image pixel this equals Detectron2's target exactly.
 *
 * <p>Built as {@code CropAndResize} over the box masks padded by one zero cell on each side, with extrapolation 0
 * further out.
 */
public final class MaskTargets {
  /** Foreground threshold of the resampled mask (Detectron2: {@code >= 0.5}). */
  public static final double THRESHOLD = 0.5;
  /** Smallest ground-truth box side used as a divisor, so padding entries give far-away, finite coordinates. */
  static final double MIN_BOX_SIDE = 1e-3;

  private MaskTargets() {}

  /**
   * @param boxMasks box masks {@code [N, G, S, S]}, soft values in [0, 1]
   * @param gtBoxes ground-truth boxes {@code [N, G, 4]} ({@code x0, y0, x1, y1}, image pixels)
   * @param rois RoI boxes {@code [M, 4]} in image pixels
   * @param batchIndex each RoI's image {@code [M]}
   * @param gtIndex each RoI's matched ground truth within its image {@code [M]}
   * @param resolution target side R (28 in Mask R-CNN)
   * @return binary targets {@code [M, R, R]} (0 / 1 floats)
   */
  public static Operand<TFloat32> fromBoxMasks(Ops tf, Operand<TFloat32> boxMasks, Operand<TFloat32> gtBoxes,
      Operand<TFloat32> rois, Operand<TInt32> batchIndex, Operand<TInt32> gtIndex, int resolution) {
    Operand<TInt32> g = dim(tf, boxMasks, 1);
    Operand<TInt32> s = dim(tf, boxMasks, 2);
    Operand<TFloat32> flat = tf.expandDims(tf.reshape(boxMasks, tf.stack(List.of(tf.constant(-1), s, s))),
        tf.constant(-1)); // [N·G, S, S, 1]
    int[][] pad = {{0, 0}, {1, 1}, {1, 1}, {0, 0}};
    Operand<TFloat32> padded = tf.pad(flat, tf.constant(pad), scalar(tf, 0));
    Operand<TInt32> index = tf.math.add(tf.math.mul(batchIndex, g), gtIndex);
    Operand<TFloat32> gt = tf.gather(tf.reshape(gtBoxes, tf.constant(new int[] {-1, 4})), index, tf.constant(0));
    Operand<TFloat32> size = toFloat(tf, s);
    Operand<TFloat32> den = tf.math.add(size, scalar(tf, 1)); // padded side - 1, as CropAndResize normalizes
    double first = 0.5 / resolution;
    double lastBin = (resolution - 0.5) / resolution;
    Axis x = new Axis(last(tf, rois, 0), last(tf, rois, 2), last(tf, gt, 0), last(tf, gt, 2));
    Axis y = new Axis(last(tf, rois, 1), last(tf, rois, 3), last(tf, gt, 1), last(tf, gt, 3));
    Operand<TFloat32> normalized = stackLast(tf,
        tf.math.div(y.padded(tf, first, size), den), tf.math.div(x.padded(tf, first, size), den),
        tf.math.div(y.padded(tf, lastBin, size), den), tf.math.div(x.padded(tf, lastBin, size), den));
    Operand<TFloat32> soft = tf.image.cropAndResize(padded, normalized, index,
        tf.constant(new int[] {resolution, resolution}), CropAndResize.method("bilinear"),
        CropAndResize.extrapolationValue(0f));
    Operand<TFloat32> binary = toFloat(tf, tf.math.greaterEqual(soft, scalar(tf, THRESHOLD)));
    return tf.squeeze(binary, Squeeze.axis(List.of(-1L)));
  }

  /** One axis of a RoI {@code [lo, hi)} and its ground-truth box {@code [gtLo, gtHi)}, {@code [M]} each. */
  private record Axis(Operand<TFloat32> lo, Operand<TFloat32> hi, Operand<TFloat32> gtLo, Operand<TFloat32> gtHi) {
    /**
     * Padded box-mask coordinate {@code (lo + f (hi - lo) - gtLo) S / (gtHi - gtLo) - 0.5 + 1} of the RoI point at
     * fraction {@code f} of its side.
     */
    Operand<TFloat32> padded(Ops tf, double f, Operand<TFloat32> s) {
      Operand<TFloat32> point = tf.math.add(lo, tf.math.mul(scalar(tf, f), tf.math.sub(hi, lo)));
      Operand<TFloat32> side = tf.math.maximum(tf.math.sub(gtHi, gtLo), scalar(tf, MIN_BOX_SIDE));
      return tf.math.add(tf.math.div(tf.math.mul(tf.math.sub(point, gtLo), s), side), scalar(tf, 0.5));
    }
  }
}
