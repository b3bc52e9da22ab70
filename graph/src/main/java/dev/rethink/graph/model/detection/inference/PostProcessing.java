package dev.rethink.graph.model.detection.inference;

import static dev.rethink.graph.model.detection.GraphMath.dim;
import static dev.rethink.graph.model.detection.GraphMath.last;
import static dev.rethink.graph.model.detection.GraphMath.scalar;
import static dev.rethink.graph.model.detection.GraphMath.stackLast;
import static dev.rethink.graph.model.detection.GraphMath.toFloat;

import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.graph.model.detection.box.BoxCoder;
import dev.rethink.graph.model.detection.box.Boxes;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.image.CombinedNonMaxSuppression;
import org.tensorflow.op.image.CropAndResize;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Detectron2's inference post-processing ({@code fast_rcnn_inference}, {@code paste_masks_in_image}), in-graph.
 */
public final class PostProcessing {
  /** Side below which a box is treated as empty when pasting masks. */
  static final double MIN_BOX_SIDE = 1e-3;
  private PostProcessing() {}

  /**
   * Final detections per image, padded to {@code D = detectionsPerImage}: boxes {@code [N, D, 4]} in image
   * pixels, scores {@code [N, D]}, classes {@code [N, D]} (contiguous 0-based: 0…K-1; -1 in padding), count
   * {@code [N]}. Padding entries (past the count) have zero boxes and scores.
   */
  public record Detections(Operand<TFloat32> boxes, Operand<TFloat32> scores, Operand<TInt32> classes,
      Operand<TInt32> count) {}

  /**
   * Softmax class probabilities, per-class boxes decoded from the proposals and clipped to the image, then
   * per-class NMS, scores above the threshold, the top {@code detectionsPerImage} over classes
   * ({@code CombinedNonMaxSuppression}, which does all three per image).
   *
   * @param classLogits {@code [N, R, K + 1]} (column 0 background)
   * @param boxDeltas {@code [N, R, 4K]} class-specific or {@code [N, R, 4]}
   * @param proposals {@code [N, R, 4]}
   * @param proposalValid {@code [N, R]}
   * @param imageHw {@code [N, 2]}
   */
  public static Detections detect(Ops tf, Operand<TFloat32> classLogits, Operand<TFloat32> boxDeltas,
      Operand<TFloat32> proposals, Operand<TBool> proposalValid, Operand<TFloat32> imageHw, BoxCoder coder,
      InferenceSpec spec, int numClasses, boolean classSpecific) {
    Operand<TFloat32> probabilities = tf.nn.softmax(classLogits);
    Operand<TFloat32> foreground = tf.slice(probabilities, tf.constant(new int[] {0, 0, 1}),
        tf.constant(new int[] {-1, -1, numClasses}));
    foreground = tf.select(tf.expandDims(proposalValid, tf.constant(-1)), foreground, tf.zerosLike(foreground));
    int q = classSpecific ? numClasses : 1;
    Operand<TInt32> n = dim(tf, proposals, 0);
    Operand<TInt32> r = dim(tf, proposals, 1);
    Operand<TFloat32> deltas = tf.reshape(boxDeltas, tf.stack(List.of(n, r, tf.constant(q), tf.constant(4))));
    Operand<TFloat32> decoded = coder.decode(tf, deltas, tf.expandDims(proposals, tf.constant(2)));
    Operand<TFloat32> clipped = Boxes.clip(tf, tf.reshape(decoded, tf.stack(List.of(n, tf.constant(-1),
        tf.constant(4)))), imageHw);
    Operand<TFloat32> boxes = tf.reshape(clipped, tf.stack(List.of(n, r, tf.constant(q), tf.constant(4))));
    int d = spec.detectionsPerImage();
    CombinedNonMaxSuppression nms = tf.image.combinedNonMaxSuppression(boxes, foreground, tf.constant(d),
        tf.constant(d), scalar(tf, spec.nmsIou()), scalar(tf, spec.scoreThreshold()),
        CombinedNonMaxSuppression.padPerClass(false), CombinedNonMaxSuppression.clipBoxes(false));
    Operand<TBool> filled = tf.math.less(tf.expandDims(tf.range(tf.constant(0), tf.constant(d), tf.constant(1)),
        tf.constant(0)), tf.expandDims(nms.validDetections(), tf.constant(1)));
    Operand<TInt32> classes = tf.dtypes.cast(nms.nmsedClasses(), TInt32.class); // foreground column = class
    return new Detections(nms.nmsedBoxes(), nms.nmsedScores(), tf.select(filled, classes,
        tf.fill(tf.shape(classes), tf.constant(-1))), nms.validDetections());
  }

  /**
   * Pastes mask probabilities {@code [M, R, R]} into an image of dynamic size {@code heightWidth} (int32 [2]) at
   * their boxes {@code [M, 4]}, as Detectron2's {@code paste_masks_in_image}: image pixel {@code (i, j)} reads
   * the mask bilinearly at {@code ((j + 0.5 - x0) R / w - 0.5, (i + 0.5 - y0) R / h - 0.5)} with zeros outside
   * ({@code grid_sample}, {@code align_corners=False}), built as {@code CropAndResize} over the mask padded by one
   * zero pixel. Returns the pasted probabilities {@code [M, H, W]}; Detectron2 then thresholds them at 0.5
   * ({@code >=}). The graph outputs per-detection masks and the runtime pastes them in Java with these semantics
   * (in the original image, after scaling the boxes); this op is their executable reference.
   */
  public static Operand<TFloat32> pasteMasks(Ops tf, Operand<TFloat32> masks, Operand<TFloat32> boxes,
      Operand<TInt32> heightWidth) {
    int[][] pad = {{0, 0}, {1, 1}, {1, 1}, {0, 0}};
    Operand<TFloat32> padded = tf.pad(tf.expandDims(masks, tf.constant(-1)), tf.constant(pad), scalar(tf, 0));
    Operand<TFloat32> res = toFloat(tf, dim(tf, masks, 1));
    Operand<TFloat32> height = toFloat(tf, tf.gather(heightWidth, tf.constant(0), tf.constant(0)));
    Operand<TFloat32> width = toFloat(tf, tf.gather(heightWidth, tf.constant(1), tf.constant(0)));
    Operand<TFloat32> den = tf.math.add(res, scalar(tf, 1)); // padded side - 1
    Operand<TFloat32> y0 = paddedMaskCoordinate(tf, last(tf, boxes, 1), last(tf, boxes, 3), res, scalar(tf, 0.5));
    Operand<TFloat32> x0 = paddedMaskCoordinate(tf, last(tf, boxes, 0), last(tf, boxes, 2), res, scalar(tf, 0.5));
    Operand<TFloat32> y1 = paddedMaskCoordinate(tf, last(tf, boxes, 1), last(tf, boxes, 3), res,
        tf.math.sub(height, scalar(tf, 0.5)));
    Operand<TFloat32> x1 = paddedMaskCoordinate(tf, last(tf, boxes, 0), last(tf, boxes, 2), res,
        tf.math.sub(width, scalar(tf, 0.5)));
    Operand<TFloat32> normalized = stackLast(tf, tf.math.div(y0, den), tf.math.div(x0, den), tf.math.div(y1, den),
        tf.math.div(x1, den));
    Operand<TInt32> index = tf.range(tf.constant(0), dim(tf, masks, 0), tf.constant(1));
    Operand<TFloat32> pasted = tf.image.cropAndResize(padded, normalized, index, heightWidth,
        CropAndResize.method("bilinear"), CropAndResize.extrapolationValue(0f));
    return tf.squeeze(pasted, org.tensorflow.op.core.Squeeze.axis(List.of(-1L)));
  }

  /**
   * Keypoint coordinates from heatmap logits {@code [M, S, S, K]} in boxes {@code [M, 4]}: per keypoint the
   * arg-max cell {@code (i, j)} maps to {@code (x0 + (j + 0.5) w / S, y0 + (i + 0.5) h / S)}, with the max logit
   * as score; {@code [M, K, 3]}. Detectron2 first resizes the heatmap to the box size (bicubic) and takes the
   * arg-max there; this takes it at heatmap resolution (a sub-cell difference).
   */
  public static Operand<TFloat32> keypoints(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> boxes) {
    Operand<TInt32> shape = tf.shape(logits);
    Operand<TInt32> s = tf.gather(shape, tf.constant(1), tf.constant(0));
    Operand<TFloat32> perKeypoint = tf.reshape(tf.linalg.transpose(logits, tf.constant(new int[] {0, 3, 1, 2})),
        tf.stack(List.of(dim(tf, logits, 0), dim(tf, logits, 3), tf.constant(-1)))); // [M, K, S·S]
    Operand<TInt32> arg = tf.math.argMax(perKeypoint, tf.constant(-1), TInt32.class);
    Operand<TFloat32> score = tf.reduceMax(perKeypoint, tf.constant(-1), ReduceMax.keepDims(false));
    Operand<TFloat32> i = toFloat(tf, tf.math.floorDiv(arg, s));
    Operand<TFloat32> j = toFloat(tf, tf.math.floorMod(arg, s));
    Operand<TFloat32> size = toFloat(tf, s);
    Operand<TFloat32> half = scalar(tf, 0.5);
    Operand<TFloat32> bx0 = tf.expandDims(last(tf, boxes, 0), tf.constant(1));
    Operand<TFloat32> by0 = tf.expandDims(last(tf, boxes, 1), tf.constant(1));
    Operand<TFloat32> bw = tf.expandDims(tf.math.sub(last(tf, boxes, 2), last(tf, boxes, 0)), tf.constant(1));
    Operand<TFloat32> bh = tf.expandDims(tf.math.sub(last(tf, boxes, 3), last(tf, boxes, 1)), tf.constant(1));
    Operand<TFloat32> x = tf.math.add(bx0, tf.math.div(tf.math.mul(tf.math.add(j, half), bw), size));
    Operand<TFloat32> y = tf.math.add(by0, tf.math.div(tf.math.mul(tf.math.add(i, half), bh), size));
    return stackLast(tf, x, y, score);
  }

  /** Padded-mask coordinate {@code (p - lo) R / (hi - lo) + 0.5} of image position {@code p} (pixel centre). */
  private static Operand<TFloat32> paddedMaskCoordinate(Ops tf, Operand<TFloat32> lo, Operand<TFloat32> hi,
      Operand<TFloat32> res, Operand<TFloat32> p) {
    // Empty boxes (padded detections) get a tiny width: far-away, finite coordinates, i.e. an empty mask.
    Operand<TFloat32> size = tf.math.maximum(tf.math.sub(hi, lo), scalar(tf, MIN_BOX_SIDE));
    return tf.math.add(tf.math.div(tf.math.mul(tf.math.sub(p, lo), res), size), scalar(tf, 0.5));
  }
}
