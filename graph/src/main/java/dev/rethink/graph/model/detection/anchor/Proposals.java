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
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.image.NonMaxSuppression;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * RPN proposal selection, as Detectron2's {@code find_top_rpn_proposals}: per image and level, the
 * {@code preNmsTopK} highest objectness logits; their decoded boxes clipped to the image; boxes with a side not
 * above {@code minBoxSize} dropped; NMS per level ({@code NonMaxSuppressionV5}, IoU &gt; threshold suppresses); then
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
   * @param imageHw image (height, width) per image, {@code [N, 2]}
   * @param images the static batch size N (NMS runs per image)
   */
  public static ProposalSet select(Ops tf, List<Operand<TFloat32>> logits, List<Operand<TFloat32>> boxes,
      Operand<TFloat32> imageHw, int images, ProposalLimits limits, double nmsIou, double minBoxSize) {
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
      List<Operand<TFloat32>> perImageBoxes = new ArrayList<>();
      List<Operand<TFloat32>> perImageScores = new ArrayList<>();
      for (int n = 0; n < images; n++) {
        Operand<TFloat32> b = tf.gather(topBoxes, tf.constant(n), tf.constant(0));
        Operand<TFloat32> s = tf.gather(topScores, tf.constant(n), tf.constant(0));
        NonMaxSuppression<TFloat32> nms = tf.image.nonMaxSuppression(b, s, tf.constant(post),
            scalar(tf, nmsIou), tf.constant(EXCLUDED_THRESHOLD), scalar(tf, 0),
            NonMaxSuppression.padToMaxOutputSize(true));
        Operand<TBool> filled = tf.math.less(tf.range(tf.constant(0), tf.constant(post), tf.constant(1)),
            nms.validOutputs());
        perImageBoxes.add(tf.gather(b, nms.selectedIndices(), tf.constant(0)));
        perImageScores.add(tf.select(filled, tf.gather(s, nms.selectedIndices(), tf.constant(0)),
            tf.constant(EXCLUDED_SCORE)));
      }
      levelBoxes.add(tf.stack(perImageBoxes, Stack.axis(0L)));
      levelScores.add(tf.stack(perImageScores, Stack.axis(0L)));
    }
    Operand<TFloat32> allBoxes = GraphMath.concat(tf, levelBoxes, 1); // [N, L·post, 4]
    Operand<TFloat32> allScores = GraphMath.concat(tf, levelScores, 1);
    TopK<TFloat32, TInt32> best = tf.nn.topK(allScores, tf.constant(post), TInt32.class);
    Operand<TFloat32> selected = tf.gather(allBoxes, best.indices(), tf.constant(1), Gather.batchDims(1L));
    return new ProposalSet(selected, best.values(), tf.math.greater(best.values(),
        tf.constant(EXCLUDED_THRESHOLD)));
  }
}
