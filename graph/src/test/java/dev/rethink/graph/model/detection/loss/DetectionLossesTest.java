package dev.rethink.graph.model.detection.loss;

import static dev.rethink.graph.model.detection.Tf.assertFloats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.grad.CustomGradients;
import dev.rethink.graph.model.detection.Tf;
import dev.rethink.graph.model.detection.anchor.BalancedSampler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Hand-computed losses. Reference values: BCE(0, 1) = ln 2 = 0.693147; BCE(2, 0) = 2 + ln(1 + e⁻²) = 2.126928;
 * BCE(-3, 1) = 3 + ln(1 + e⁻³) = 3.048587.
 */
class DetectionLossesTest {
  private static final double BCE_0_1 = Math.log(2);
  private static final double BCE_2_0 = 2 + Math.log1p(Math.exp(-2));
  private static final double BCE_M3_1 = 3 + Math.log1p(Math.exp(-3));
  private static final float NAN = Float.NaN;

  @Test
  void elementwiseTerms() {
    List<Object> out = Tf.run(tf -> List.of(
        DetectionLosses.sigmoidCrossEntropy(tf, tf.constant(new float[] {0, 2, -3}), tf.constant(new float[] {1, 0,
            1})),
        DetectionLosses.smoothL1(tf, tf.constant(new float[] {0.5f, -2}), 1.0),
        DetectionLosses.smoothL1(tf, tf.constant(new float[] {0.5f, -2}), 0.0)));
    assertFloats(new float[] {(float) BCE_0_1, (float) BCE_2_0, (float) BCE_M3_1}, out.get(0), 1e-5);
    assertFloats(new float[] {0.125f, 1.5f}, out.get(1), 1e-6);
    assertFloats(new float[] {0.5f, 2}, out.get(2), 1e-6);
  }

  @Test
  void rpnLossNormalizedByTheNominalSample() {
    // Anchors 0, 2 sampled foreground, 1 background, 3 not sampled; targets of non-foreground anchors are NaN
    // (e.g. a degenerate padded box) and must not leak.
    float[][] logits = {{0, 2, -3, 5}};
    float[][][] deltas = {{{0.5f, 0, 0, 0}, {9, 9, 9, 9}, {1, 1, 1, 1}, {9, 9, 9, 9}}};
    float[][][] targets = {{{0, 0, 0, 0}, {NAN, NAN, NAN, NAN}, {0, 0, 0, 3}, {NAN, NAN, NAN, NAN}}};
    List<Object> out = Tf.run(tf -> {
      CustomGradients.registerAll();
      Operand<TFloat32> d = tf.variable(tf.constant(deltas));
      BalancedSampler.Sample s = new BalancedSampler.Sample(tf.constant(new boolean[][] {{true, false, true,
          false}}), tf.constant(new boolean[][] {{false, true, false, false}}));
      DetectionLosses.RpnLosses l = DetectionLosses.rpn(tf, tf.constant(logits), d, tf.constant(targets), s, 0.0, 4);
      Operand<?> grad = tf.gradients(l.localization(), List.of(d)).dy(0);
      return List.of(l.objectness(), l.localization(), grad);
    });
    assertFloats(new float[] {(float) ((BCE_0_1 + BCE_2_0 + BCE_M3_1) / 4)}, out.get(0), 1e-5);
    assertFloats(new float[] {(5.5f) / 4}, out.get(1), 1e-6); // |0.5| + (1 + 1 + 1 + |1 - 3|)
    for (float g : (float[]) out.get(2)) {
      assertTrue(Float.isFinite(g), "gradient stays finite");
    }
  }

  @Test
  void fastRcnnLossAveragesOverSampledRois() {
    // RoI 0: class 1, logits 0 -> CE ln 3; RoI 1: background, logits (1,2,3) -> ln(e + e² + e³) - 1; RoI 2: padding.
    float[][] logits = {{0, 0, 0}, {1, 2, 3}, {7, 7, 7}};
    float[][] deltas = {{1, 0, 0, 0, 5, 5, 5, 5}, {3, 3, 3, 3, 3, 3, 3, 3}, {3, 3, 3, 3, 3, 3, 3, 3}};
    float[][] targets = {{0, 0, 0, 0}, {NAN, 0, 0, 0}, {NAN, 0, 0, 0}};
    List<Object> out = Tf.run(tf -> {
      DetectionLosses.BoxLosses l = DetectionLosses.fastRcnn(tf, tf.constant(logits), tf.constant(deltas),
          tf.constant(new int[] {1, 0, 2}), tf.constant(targets), tf.constant(new boolean[] {true, true, false}), 2,
          true, 0.0);
      return List.of(l.classification(), l.regression());
    });
    double ce1 = Math.log(Math.E + Math.exp(2) + Math.exp(3)) - 1;
    assertFloats(new float[] {(float) ((Math.log(3) + ce1) / 2)}, out.get(0), 1e-5);
    assertFloats(new float[] {0.5f}, out.get(1), 1e-6); // class 1's deltas (1,0,0,0) vs 0: L1 1, over 2 RoIs
  }

  @Test
  void maskLossUsesTheGroundTruthClassChannel() {
    // RoI 0 (class 2): channel 1 logits (0, 2; -3, 0) vs targets (1, 0; 1, 1); channel 0 is junk. RoI 1 background.
    float[][][][] logits = {{{{9, 0}, {9, 2}}, {{9, -3}, {9, 0}}}, {{{9, 9}, {9, 9}}, {{9, 9}, {9, 9}}}};
    float[][][] targets = {{{1, 0}, {1, 1}}, {{0, 0}, {0, 0}}};
    Object loss = Tf.run1(tf -> DetectionLosses.mask(tf, tf.constant(logits), tf.constant(new int[] {2, 0}),
        tf.constant(targets), tf.constant(new boolean[] {true, false}), 2, true));
    assertFloats(new float[] {(float) ((2 * BCE_0_1 + BCE_2_0 + BCE_M3_1) / 4)}, loss, 1e-5);
    Object none = Tf.run1(tf -> DetectionLosses.mask(tf, tf.constant(logits), tf.constant(new int[] {2, 0}),
        tf.constant(targets), tf.constant(new boolean[] {false, false}), 2, true));
    assertEquals(0f, ((float[]) none)[0]);
  }

  @Test
  void keypointLossIsCrossEntropyOverHeatmapCellsPerVisibleKeypoint() {
    // One RoI, 2x2 heatmap, 3 keypoints. kp0: logits 0 everywhere, target cell 3 -> ln 4.
    // kp1: logit 1 at cell 0, target 0 -> ln(e + 3) - 1. kp2 invalid.
    float[][][][] logits = new float[1][2][2][3];
    logits[0][0][0][1] = 1;
    logits[0][1][1][2] = 50;
    Object loss = Tf.run1(tf -> DetectionLosses.keypoint(tf, tf.constant(logits), tf.constant(new int[][] {{3, 0,
        1}}), tf.constant(new boolean[][] {{true, true, false}})));
    double expected = (Math.log(4) + Math.log(Math.E + 3) - 1) / 2;
    assertFloats(new float[] {(float) expected}, loss, 1e-5);
  }
}
