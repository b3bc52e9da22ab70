package dev.rethink.graph.model.detection.anchor;

import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.stackLast;
import static dev.rethink.graph.model.detection.GraphMath.toFloat;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Anchors with Detectron2's {@code DefaultAnchorGenerator} conventions:
 * <ul>
 *   <li>cell anchors centred at 0: for each size (outer loop) and aspect ratio {@code a = h / w} (inner loop),
 *       {@code w = sqrt(size² / a)}, {@code h = a w}, box {@code (-w/2, -h/2, w/2, h/2)} — no rounding;
 *   <li>the cell is shifted to {@code (x stride + offset stride, y stride + offset stride)} for every position of
 *       the feature map with {@link #OFFSET} 0 (the anchor centre is the top-left corner of the position's
 *       receptive-field cell, not its centre);
 *   <li>order: positions row-major (y outer, x inner), then the cell anchors — the order in which an NHWC head's
 *       output {@code [N, H, W, A]} flattens.
 * </ul>
 */
public final class AnchorGenerator {
  /** Detectron2 {@code MODEL.ANCHOR_GENERATOR.OFFSET = 0.0}. */
  public static final double OFFSET = 0.0;

  private AnchorGenerator() {}

  /** The cell anchors {@code [sizes × ratios][4]}, size-major. */
  public static float[][] cellAnchors(List<Double> sizes, List<Double> aspectRatios) {
    float[][] out = new float[sizes.size() * aspectRatios.size()][];
    int i = 0;
    for (double size : sizes) {
      for (double ratio : aspectRatios) {
        double w = Math.sqrt(size * size / ratio);
        double h = ratio * w;
        out[i++] = new float[] {(float) (-w / 2), (float) (-h / 2), (float) (w / 2), (float) (h / 2)};
      }
    }
    return out;
  }

  /**
   * Every anchor of a feature map of dynamic size {@code heightWidth} (int32 [2]) at {@code stride} pixels:
   * {@code [H · W · cells, 4]}.
   */
  public static Operand<TFloat32> gridAnchors(Ops tf, Operand<TInt32> heightWidth, int stride, float[][] cell) {
    Operand<TFloat32> s = scalar(tf, stride);
    Operand<TFloat32> offset = scalar(tf, OFFSET * stride);
    Operand<TInt32> h = tf.gather(heightWidth, tf.constant(0), tf.constant(0));
    Operand<TInt32> w = tf.gather(heightWidth, tf.constant(1), tf.constant(0));
    Operand<TFloat32> ys = tf.math.add(tf.math.mul(toFloat(tf, tf.range(tf.constant(0), h, tf.constant(1))), s),
        offset);
    Operand<TFloat32> xs = tf.math.add(tf.math.mul(toFloat(tf, tf.range(tf.constant(0), w, tf.constant(1))), s),
        offset);
    // Broadcast to the [H, W] grid: x varies along columns, y along rows (meshgrid with "ij" indexing).
    Operand<TFloat32> gx = tf.math.add(tf.expandDims(xs, tf.constant(0)), tf.expandDims(tf.zerosLike(ys),
        tf.constant(1)));
    Operand<TFloat32> gy = tf.math.add(tf.expandDims(ys, tf.constant(1)), tf.expandDims(tf.zerosLike(xs),
        tf.constant(0)));
    Operand<TFloat32> shifts = tf.expandDims(stackLast(tf, gx, gy, gx, gy), tf.constant(2)); // [H, W, 1, 4]
    Operand<TFloat32> anchors = tf.math.add(shifts, tf.constant(cell)); // [H, W, A, 4]
    return tf.reshape(anchors, tf.constant(new int[] {-1, 4}));
  }
}
