package dev.rethink.graph.model.detection.anchor;

import static dev.rethink.graph.model.detection.GraphMath.EXCLUDED_SCORE;
import static dev.rethink.graph.model.detection.GraphMath.EXCLUDED_THRESHOLD;
import static dev.rethink.graph.model.detection.GraphMath.scalar;

import dev.rethink.dsl.model.detection.ProposalLimits;
import dev.rethink.graph.model.detection.GraphMath;
import dev.rethink.graph.model.detection.box.Boxes;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.image.CombinedNonMaxSuppression;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * RPN proposal selection, as Detectron2's {@code find_top_rpn_proposals}: per image and level, the
 * {@code preNmsTopK} highest objectness logits; their decoded boxes clipped to the image; boxes with a side not
 * above {@code minBoxSize} dropped; NMS per image and level (IoU &gt; threshold suppresses); then
 * the {@code postNmsTopK} best over all levels. Outputs have a fixed size {@code postNmsTopK} per image, with a
 * validity mask for the slots left empty. Proposals carry no gradient (Detectron2 detaches them too).
 */
public final class Proposals {
  private Proposals() {}

  /** Proposals per image: boxes {@code [N, K, 4]}, objectness logits {@code [N, K]}, validity {@code [N, K]}. */
  public record ProposalSet(Operand<TFloat32> boxes, Operand<TFloat32> scores, Operand<TBool> valid) {}

  /**
   * @param logits objectness logits per level, {@code [N, A_l]}
   * @param boxes decoded boxes per level, {@code [N, A_l, 4]}
   * @param imageHw image (height, width) per image, {@code [N, 2]}; N may be dynamic
   */
  public static ProposalSet select(Ops tf, List<Operand<TFloat32>> logits, List<Operand<TFloat32>> boxes,
      Operand<TFloat32> imageHw, ProposalLimits limits, double nmsIou, double minBoxSize) {
    int post = limits.postNmsTopK();
    List<Operand<TFloat32>> levelBoxes = new ArrayList<>();
    List<Operand<TFloat32>> levelScores = new ArrayList<>();
    for (int l = 0; l < logits.size(); l++) {
      Operand<TFloat32> logit = tf.stopGradient(logits.get(l));
      Operand<TFloat32> box = tf.stopGradient(boxes.get(l));
      Operand<TInt32> k = tf.math.minimum(tf.constant(limits.preNmsTopK()),
          tf.gather(tf.shape(logit), tf.constant(1), tf.constant(0)));
      TopK<TFloat32, TInt32> top = tf.nn.topK(logit, k, TInt32.class);
      Operand<TFloat32> topBoxes = Boxes.clip(tf, tf.gather(box, top.indices(), tf.constant(1),
          Gather.batchDims(1L)), imageHw);
      Operand<TFloat32> topScores = tf.select(Boxes.nonEmpty(tf, topBoxes, minBoxSize), top.values(),
          tf.constant(EXCLUDED_SCORE));
      // Per-image NMS over a dynamic batch: CombinedNonMaxSuppression with one class is NonMaxSuppression per
      // image (IoU > threshold suppresses, score > threshold kept), its output sorted by score. It reads the four
      // coordinates as (y0, x0, y1, x1), which leaves IoU unchanged; clipBoxes(false) keeps pixel coordinates.
      CombinedNonMaxSuppression nms = tf.image.combinedNonMaxSuppression(
          tf.expandDims(topBoxes, tf.constant(2)), tf.expandDims(topScores, tf.constant(-1)), tf.constant(post),
          tf.constant(post), scalar(tf, nmsIou), tf.constant(EXCLUDED_THRESHOLD),
          CombinedNonMaxSuppression.padPerClass(false), CombinedNonMaxSuppression.clipBoxes(false));
      Operand<TBool> filled = tf.math.less(tf.expandDims(tf.range(tf.constant(0), tf.constant(post),
          tf.constant(1)), tf.constant(0)), tf.expandDims(nms.validDetections(), tf.constant(1)));
      levelBoxes.add(nms.nmsedBoxes());
      levelScores.add(tf.select(filled, nms.nmsedScores(), tf.fill(tf.shape(nms.nmsedScores()),
          tf.constant(EXCLUDED_SCORE))));
    }
    Operand<TFloat32> allBoxes = GraphMath.concat(tf, levelBoxes, 1); // [N, L·post, 4]
    Operand<TFloat32> allScores = GraphMath.concat(tf, levelScores, 1);
    TopK<TFloat32, TInt32> best = tf.nn.topK(allScores, tf.constant(post), TInt32.class);
    Operand<TFloat32> selected = tf.gather(allBoxes, best.indices(), tf.constant(1), Gather.batchDims(1L));
    return new ProposalSet(selected, best.values(), tf.math.greater(best.values(),
        tf.constant(EXCLUDED_THRESHOLD)));
  }
}
