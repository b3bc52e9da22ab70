package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.Tf.assertFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadTargetsTest {

  /**
   * Two images, two ground-truth slots each, 4x4 box masks. Image 1, instance 1: a solid instance whose box
   * (2, 2, 6, 6) spans exactly its 4x4 pixels, so each box-mask cell is one image pixel and the targets must equal
   * Detectron2's on the full-image mask (8x8, ones in [2, 6) x [2, 6)). Image 0, instance 1: box (8, 8, 16, 16), two
   * pixels per cell, coverage rising along x: columns 0, 0.4, 0.8, 1. The other slots are empty.
   */
  private static final float[][][][] BOX_MASKS = new float[2][2][4][4];
  private static final float[][][] GT_BOXES = {{{0, 0, 0, 0}, {8, 8, 16, 16}}, {{0, 0, 0, 0}, {2, 2, 6, 6}}};

  static {
    float[] ramp = {0, 0.4f, 0.8f, 1};
    for (int i = 0; i < 4; i++) {
      BOX_MASKS[0][1][i] = ramp.clone();
      java.util.Arrays.fill(BOX_MASKS[1][1][i], 1);
    }
  }

  private static Object crop(int image, float[] roi, int r) {
    return Tf.run1(tf -> MaskTargets.fromBoxMasks(tf, tf.constant(BOX_MASKS), tf.constant(GT_BOXES),
        tf.constant(new float[][] {roi}), tf.constant(new int[] {image}), tf.constant(new int[] {1}), r));
  }

  @Test
  void boxMaskTargetsMatchDetectron2OnTheEquivalentFullImageMask() {
    // The instance's own box: every bin centre lies inside it.
    assertFloats(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, crop(1, new float[] {2, 2, 6, 6}, 4),
        0);
    // The whole image at 4x4: bin centres at pixel coordinates 0.5, 2.5, 4.5, 6.5 -> 0, 1, 1, 0 per axis.
    assertFloats(new float[] {0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0}, crop(1, new float[] {0, 0, 8, 8}, 4),
        0);
    // RoI (1,2,5,6) at 2x2: x samples at 2 (on the instance's edge: half mask, half outside = 0.5, kept by >= 0.5)
    // and 4.
    assertFloats(new float[] {1, 1, 1, 1}, crop(1, new float[] {1, 2, 5, 6}, 2), 0);
    // RoI (0,2,4,6) at 2x2: x samples at 1 (outside: 0) and 3 (inside: 1).
    assertFloats(new float[] {0, 1, 0, 1}, crop(1, new float[] {0, 2, 4, 6}, 2), 0);
  }

  @Test
  void softBoxMasksAreInterpolatedThenThresholded() {
    // RoI = gt box at 2x2: x bin centres 10, 14 -> cell coordinates (x - 8) / 2 - 0.5 = 0.5, 2.5 -> coverage
    // (0 + 0.4) / 2 = 0.2 -> 0 and (0.8 + 1) / 2 = 0.9 -> 1.
    assertFloats(new float[] {0, 1, 0, 1}, crop(0, new float[] {8, 8, 16, 16}, 2), 0);
    // RoI (10, 8, 18, 16) at 4x4: x bin centres 11, 13, 15, 17 -> cells 1, 2, 3 (0.4, 0.8, 1) and 4, one cell past
    // the box: 0 -> 0, 1, 1, 0 on every row.
    assertFloats(new float[] {0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0},
        crop(0, new float[] {10, 8, 18, 16}, 4), 0);
    // At 1x1 the single bin centre: RoI (11, 8, 17, 16) reads x = 14, cell 2.5 -> (0.8 + 1) / 2 = 0.9 -> 1; RoI
    // (15, 8, 17, 16) reads x = 16, the box edge, cell 3.5: half the last cell, half the zero outside -> 0.5 -> 1;
    // RoI (16, 8, 18, 16) reads x = 17, cell 4, wholly outside -> 0.
    assertFloats(new float[] {1}, crop(0, new float[] {11, 8, 17, 16}, 1), 0);
    assertFloats(new float[] {1}, crop(0, new float[] {15, 8, 17, 16}, 1), 0);
    assertFloats(new float[] {0}, crop(0, new float[] {16, 8, 18, 16}, 1), 0);
    // A RoI matched to an empty slot (zero-sized gt box) gets finite coordinates and an empty target.
    assertFloats(new float[] {0, 0, 0, 0}, Tf.run1(tf -> MaskTargets.fromBoxMasks(tf, tf.constant(BOX_MASKS),
        tf.constant(GT_BOXES), tf.constant(new float[][] {{0, 0, 4, 4}}), tf.constant(new int[] {0}),
        tf.constant(new int[] {0}), 2)), 0);
  }

  @Test
  void keypointHeatmapTargetsFollowDetectron2() {
    float[][] rois = {{0, 0, 56, 56}, {10, 10, 38, 38}};
    float[][][] kps = {
        {{10.5f, 20.2f, 2}, {56, 3, 2}, {60, 10, 2}, {5, 5, 0}},
        {{11, 12, 1}, {38, 38, 2}, {9.9f, 20, 2}, {20, 20, 2}}};
    List<Object> out = Tf.run(tf -> {
      KeypointTargets.Targets t = KeypointTargets.heatmap(tf, tf.constant(kps), tf.constant(rois), 56);
      return List.of(t.index(), t.valid());
    });
    // RoI 0 (scale 1): (10, 20) -> 20·56 + 10; x on the right edge -> 55, row 3; outside; invisible.
    // RoI 1 (scale 2): (2, 4) -> 4·56 + 2; corner -> (55, 55); x before the RoI; (20, 20) -> 20·56 + 20.
    assertArrayEquals(new int[] {1130, 223, 0, 0, 226, 3135, 0, 1140}, (int[]) out.get(0));
    assertArrayEquals(new boolean[] {true, true, false, false, true, true, false, true}, (boolean[]) out.get(1));
  }
}
