package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.GraphMath.last;
import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.stackLast;
import static dev.rethink.graph.model.detection.GraphMath.toFloat;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.CropAndResize;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * RoIAlign (Mask R-CNN paper, §3) with the aligned half-pixel convention of Detectron2's {@code ROIAlignV2} /
 * torchvision's {@code roi_align(aligned=True)} and a fixed sampling ratio s.
 *
 * <p>Reference semantics: a box {@code (x0, y0, x1, y1)} in image pixels is scaled by {@code 1/stride} and shifted
 * by -0.5 (pixel centres sit at integer coordinates); each of the {@code R×R} bins averages {@code s×s} bilinear
 * samples at {@code x0' + (j + 0.5) · binWidth / s}; a sample beyond one pixel outside the map ({@code x < -1} or
 * {@code x > W}) counts as 0; one within {@code [-1, 0]} or {@code [W-1, W]} takes the border value.
 *
 * <p>How it is built: the feature map is padded by one replicated border pixel on each side ({@code MirrorPad
 * SYMMETRIC}); {@code CropAndResize} then samples an {@code (R·s)×(R·s)} grid whose first and last points are the
 * first and last sample positions (shifted by +1 into the padded map and normalized by {@code W + 1}, the padded
 * width minus one, as {@code CropAndResize} expects); an {@code s×s} stride-s {@code AvgPool} averages each bin.
 * {@code CropAndResize} gives 0 beyond the padded map and interpolates against the replicated border inside it,
 * which reproduces the reference exactly. Gradients flow to the features (not the boxes).
 */
public final class RoiAlign {
  private RoiAlign() {}

  /**
   * Pools {@code boxes [M, 4]} (image pixels) from {@code features [N, H, W, C]} at {@code stride};
   * {@code batchIndex [M]} names each box's image. Returns {@code [M, R, R, C]}.
   */
  public static Operand<TFloat32> pool(Ops tf, Operand<TFloat32> features, double stride, Operand<TFloat32> boxes,
      Operand<TInt32> batchIndex, int resolution, int samplingRatio) {
    Operand<TFloat32> padded = tf.mirrorPad(features, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}),
        "SYMMETRIC");
    Operand<TFloat32> height = toFloat(tf, tf.gather(tf.shape(features), tf.constant(1), tf.constant(0)));
    Operand<TFloat32> width = toFloat(tf, tf.gather(tf.shape(features), tf.constant(2), tf.constant(0)));
    int n = resolution * samplingRatio;
    Operand<TFloat32> scale = scalar(tf, 1.0 / stride);
    Operand<TFloat32> half = scalar(tf, 0.5);
    Axis x = Axis.of(tf, last(tf, boxes, 0), last(tf, boxes, 2), scale, n);
    Axis y = Axis.of(tf, last(tf, boxes, 1), last(tf, boxes, 3), scale, n);
    // Padded coordinate of sample j is start + 1 + (j + 0.5) * step; CropAndResize wants it divided by (W + 1).
    Operand<TFloat32> one = scalar(tf, 1);
    Operand<TFloat32> wDen = tf.math.add(width, one);
    Operand<TFloat32> hDen = tf.math.add(height, one);
    Operand<TFloat32> normalized = stackLast(tf,
        tf.math.div(y.at(tf, half, one), hDen), tf.math.div(x.at(tf, half, one), wDen),
        tf.math.div(y.at(tf, scalar(tf, n - 0.5), one), hDen), tf.math.div(x.at(tf, scalar(tf, n - 0.5), one), wDen));
    Operand<TFloat32> crops = tf.image.cropAndResize(padded, normalized, batchIndex, tf.constant(new int[] {n, n}),
        CropAndResize.method("bilinear"), CropAndResize.extrapolationValue(0f));
    if (samplingRatio == 1) {
      return crops;
    }
    List<Long> window = List.of(1L, (long) samplingRatio, (long) samplingRatio, 1L);
    return tf.nn.avgPool(crops, window, window, "VALID");
  }

  /**
   * Pools each box from its pyramid level: {@code levels [M]} indexes {@code features} (whose strides are
   * {@code strides}). Returns {@code [M, R, R, C]} in the order of {@code boxes}.
   */
  public static Operand<TFloat32> poolPyramid(Ops tf, List<Operand<TFloat32>> features, List<Integer> strides,
      Operand<TFloat32> boxes, Operand<TInt32> batchIndex, Operand<TInt32> levels, int resolution,
      int samplingRatio) {
    if (features.size() == 1) {
      return pool(tf, features.get(0), strides.get(0), boxes, batchIndex, resolution, samplingRatio);
    }
    List<Operand<TFloat32>> pooled = new ArrayList<>();
    List<Operand<TInt32>> order = new ArrayList<>();
    for (int l = 0; l < features.size(); l++) {
      Operand<TInt64> where = tf.where(tf.math.equal(levels, tf.constant(l)));
      Operand<TInt32> idx = tf.dtypes.cast(tf.reshape(where, tf.constant(new int[] {-1})), TInt32.class);
      order.add(idx);
      pooled.add(pool(tf, features.get(l), strides.get(l), tf.gather(boxes, idx, tf.constant(0)),
          tf.gather(batchIndex, idx, tf.constant(0)), resolution, samplingRatio));
    }
    Operand<TInt32> permutation = tf.concat(order, tf.constant(0));
    return tf.gather(tf.concat(pooled, tf.constant(0)), tf.math.invertPermutation(permutation), tf.constant(0));
  }

  /** One axis of the sampling grid: start {@code lo/stride - 0.5}, sample step {@code (hi - lo)/stride / n}. */
  private record Axis(Operand<TFloat32> start, Operand<TFloat32> step) {
    static Axis of(Ops tf, Operand<TFloat32> lo, Operand<TFloat32> hi, Operand<TFloat32> scale, int n) {
      Operand<TFloat32> start = tf.math.sub(tf.math.mul(lo, scale), scalar(tf, 0.5));
      Operand<TFloat32> step = tf.math.div(tf.math.mul(tf.math.sub(hi, lo), scale), scalar(tf, n));
      return new Axis(start, step);
    }

    /** Coordinate {@code start + shift + j · step} for a fractional sample index j. */
    Operand<TFloat32> at(Ops tf, Operand<TFloat32> j, Operand<TFloat32> shift) {
      return tf.math.add(tf.math.add(start, shift), tf.math.mul(j, step));
    }
  }
}
