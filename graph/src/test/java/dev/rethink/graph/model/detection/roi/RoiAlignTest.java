package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.Tf.assertFloats;

import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values computed by hand from the reference semantics (Detectron2 ROIAlignV2 / torchvision
 * {@code roi_align(aligned=True)}) on a 4x4 map {@code f(i, j) = 4 i² + j + 1} (row i, column j). f is bilinear in
 * j but not in i, so row interpolation is checked, not just evaluation of f.
 */
class RoiAlignTest {

  private static float[][][][] map(float scale) {
    float[][][][] f = new float[1][4][4][1];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        f[0][i][j][0] = scale * (4 * i * i + j + 1);
      }
    }
    return f;
  }

  private static Object align(float[][][][] features, double stride, float[][] boxes, int[] batch, int r, int s) {
    return Tf.run1(tf -> RoiAlign.pool(tf, tf.constant(features), stride, tf.constant(boxes), tf.constant(batch),
        r, s));
  }

  @Test
  void interiorBinsSampleAtBinCentres() {
    // Box (1,1,3,3), 2x2 bins of one pixel: samples at (1,1),(1,2),(2,1),(2,2) after the -0.5 shift.
    assertFloats(new float[] {6, 7, 18, 19}, align(map(1), 1, new float[][] {{1, 1, 3, 3}}, new int[] {0}, 2, 1),
        1e-5);
    // The same box at stride 2 in image pixels.
    assertFloats(new float[] {6, 7, 18, 19}, align(map(1), 2, new float[][] {{2, 2, 6, 6}}, new int[] {0}, 2, 1),
        1e-5);
    // Two samples per bin side, at 0.75, 1.25 | 1.75, 2.25. Bin row 0: 4i² interpolates to 3 (y 0.75) and
    // 4 + 0.25·12 = 7 (y 1.25), mean 5; bin row 1: 13 and 21, mean 17. Columns average to 1 and 2. Plus 1.
    assertFloats(new float[] {7, 8, 19, 20}, align(map(1), 1, new float[][] {{1, 1, 3, 3}}, new int[] {0}, 2, 2),
        1e-5);
  }

  @Test
  void fractionalSampleInterpolatesBilinearly() {
    // Box (0.3, 0.7, 2.3, 1.7), one bin, one sample: x = -0.2 + 1 = 0.8, y = 0.2 + 0.5 = 0.7;
    // rows 0 and 1 with weights 0.3 / 0.7: 4i² -> 2.8; + 0.8 + 1 = 4.6.
    assertFloats(new float[] {4.6f}, align(map(1), 1, new float[][] {{0.3f, 0.7f, 2.3f, 1.7f}}, new int[] {0}, 1, 1),
        1e-5);
  }

  @Test
  void boxesPartlyOutsideTheMap() {
    // (-2,-2,2,2), 2x2 bins, 1 sample: samples at -1.5 (< -1: zero) and 0.5; only bin (1,1) at (0.5, 0.5) is
    // non-zero: 4·(0.5·0 + 0.5·4) + 0.5 + 1 = 3.5.
    assertFloats(new float[] {0, 0, 0, 3.5f}, align(map(1), 1, new float[][] {{-2, -2, 2, 2}}, new int[] {0}, 2, 1),
        1e-5);
    // (-1,-1,1,1), one bin, 2 samples per side at -1.0 and 0.0: both clamp to row/column 0 -> f(0,0) = 1.
    assertFloats(new float[] {1}, align(map(1), 1, new float[][] {{-1, -1, 1, 1}}, new int[] {0}, 1, 2), 1e-5);
    // (2,2,5,5), one bin, 3 samples at 2, 3, 4: 4 (= W) clamps to the last row/column 3:
    // mean 4i² over i ∈ {2,3,3} = 88/3, mean j = 8/3, + 1 -> 33.
    assertFloats(new float[] {33}, align(map(1), 1, new float[][] {{2, 2, 5, 5}}, new int[] {0}, 1, 3), 1e-4);
    // (2,2,6,6), one bin, 2 samples at 2.5 and 4.5 (> W: zero): only (2.5, 2.5) counts,
    // 4·(0.5·4 + 0.5·9) + 2.5 + 1 = 29.5, averaged over 4 samples -> 7.375.
    assertFloats(new float[] {7.375f}, align(map(1), 1, new float[][] {{2, 2, 6, 6}}, new int[] {0}, 1, 2), 1e-4);
  }

  @Test
  void batchIndexAndPyramidLevelsPickTheirMaps() {
    float[][][][] two = new float[2][][][];
    two[0] = map(1)[0];
    two[1] = map(10)[0];
    assertFloats(new float[] {60, 70, 180, 190, 6, 7, 18, 19},
        align(two, 1, new float[][] {{1, 1, 3, 3}, {1, 1, 3, 3}}, new int[] {1, 0}, 2, 1), 1e-4);
    // Level 0 (stride 1) holds f, level 1 (stride 2) holds 10 f; box 0 goes to level 1, box 1 to level 0.
    Object pyramid = Tf.run1(tf -> RoiAlign.poolPyramid(tf, List.of(tf.constant(map(1)), tf.constant(map(10))),
        List.of(1, 2), tf.constant(new float[][] {{2, 2, 6, 6}, {1, 1, 3, 3}}), tf.constant(new int[] {0, 0}),
        tf.constant(new int[] {1, 0}), 2, 1));
    assertFloats(new float[] {60, 70, 180, 190, 6, 7, 18, 19}, pyramid, 1e-4);
  }
}
