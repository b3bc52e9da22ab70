package dev.rethink.graph.model.detection.inference;

import static dev.rethink.graph.model.detection.Tf.assertFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.dsl.model.detection.BoxCoderWeights;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.graph.model.detection.Tf;
import dev.rethink.graph.model.detection.box.BoxCoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostProcessingTest {

  @Test
  void perClassNmsScoreThresholdAndTopK() {
    // Two proposals with IoU 81/119 = 0.68 > 0.5. Probabilities: row 0 (0.1, 0.8, 0.1), row 1 (0.1, 0.6, 0.3).
    // Class 1 keeps box 0 (0.8) and suppresses box 1; class 2 keeps box 1 (0.3) and suppresses box 0. Classes come
    // out 0-based (logit column - 1), -1 in padding.
    float ln8 = (float) Math.log(8);
    float ln6 = (float) Math.log(6);
    float ln3 = (float) Math.log(3);
    float[][][] logits = {{{0, ln8, 0}, {0, ln6, ln3}, {0, 9, 9}}};
    float[][][] deltas = new float[1][3][8];
    float[][][] proposals = {{{0, 0, 10, 10}, {1, 1, 11, 11}, {0, 0, 5, 5}}};
    boolean[][] valid = {{true, true, false}};
    List<Object> out = Tf.run(tf -> {
      PostProcessing.Detections d = PostProcessing.detect(tf, tf.constant(logits), tf.constant(deltas),
          tf.constant(proposals), tf.constant(valid), tf.constant(new float[][] {{20, 20}}),
          new BoxCoder(BoxCoderWeights.ROI_HEADS), InferenceSpec.detectron().withDetectionsPerImage(4), 2, true);
      return List.of(d.boxes(), d.scores(), d.classes(), d.count());
    });
    assertFloats(new float[] {0, 0, 10, 10, 1, 1, 11, 11}, Arrays.copyOf((float[]) out.get(0), 8), 1e-5);
    assertFloats(new float[] {0.8f, 0.3f, 0, 0}, out.get(1), 1e-5);
    assertArrayEquals(new int[] {0, 1, -1, -1}, (int[]) out.get(2));
    assertArrayEquals(new int[] {2}, (int[]) out.get(3));
  }

  @Test
  void masksArePastedWithGridSampleSemantics() {
    // A 2x2 mask in box (1,1,3,3) of a 4x4 image: pixel j reads the mask at j - 1 -> exactly the mask in the
    // centre, zeros (padding) around.
    float[][][] mask = {{{0.2f, 0.4f}, {0.6f, 0.8f}}};
    Object centred = Tf.run1(tf -> PostProcessing.pasteMasks(tf, tf.constant(mask),
        tf.constant(new float[][] {{1, 1, 3, 3}}), tf.constant(new int[] {4, 4})));
    assertFloats(new float[] {0, 0, 0, 0, 0, 0.2f, 0.4f, 0, 0, 0.6f, 0.8f, 0, 0, 0, 0, 0}, centred, 1e-6);
    // A constant mask over the whole 4x4 image: pixel j reads at (j + 0.5)/2 - 0.5 = -0.25, 0.25, 0.75, 1.25;
    // the outer ones blend 3/4 mask with 1/4 zero padding -> per-axis weights (0.75, 1, 1, 0.75).
    float[][][] ones = {{{1, 1}, {1, 1}}};
    Object full = Tf.run1(tf -> PostProcessing.pasteMasks(tf, tf.constant(ones),
        tf.constant(new float[][] {{0, 0, 4, 4}}), tf.constant(new int[] {4, 4})));
    float[] a = {0.75f, 1, 1, 0.75f};
    float[] expected = new float[16];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        expected[i * 4 + j] = a[i] * a[j];
      }
    }
    assertFloats(expected, full, 1e-6);
  }

  @Test
  void keypointsAtTheArgMaxCellCentre() {
    // RoI (10, 20, 18, 28), 4x4 heatmap (cell 2 px): keypoint 0 peaks at row 1, column 3 -> (10 + 3.5·2, 20 + 1.5·2).
    float[][][][] logits = new float[1][4][4][1];
    logits[0][1][3][0] = 5;
    Object kp = Tf.run1(tf -> PostProcessing.keypoints(tf, tf.constant(logits),
        tf.constant(new float[][] {{10, 20, 18, 28}})));
    assertFloats(new float[] {17, 23, 5}, kp, 1e-5);
  }
}
