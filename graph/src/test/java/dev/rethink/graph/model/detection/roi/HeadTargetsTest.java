package dev.rethink.graph.model.detection.roi;

import static dev.rethink.graph.model.detection.Tf.assertFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadTargetsTest {

  /** One image, two instances on 8x8: instance 0 empty, instance 1 covers pixels [2,6) x [2,6). */
  private static float[][][][] masks() {
    float[][][][] m = new float[1][2][8][8];
    for (int i = 2; i < 6; i++) {
      for (int j = 2; j < 6; j++) {
        m[0][1][i][j] = 1;
      }
    }
    return m;
  }

  private static Object crop(float[] box, int r) {
    return Tf.run1(tf -> MaskTargets.crop(tf, tf.constant(masks()), tf.constant(new float[][] {box}),
        tf.constant(new int[] {0}), tf.constant(new int[] {1}), r));
  }

  @Test
  void maskTargetsCropTheMatchedInstanceInsideTheBox() {
    // The instance's own box: every bin centre lies inside it.
    assertFloats(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, crop(new float[] {2, 2, 6, 6}, 4), 0);
    // The whole image at 4x4: bin centres at pixel coordinates 0.5, 2.5, 4.5, 6.5 -> 0, 1, 1, 0 per axis.
    assertFloats(new float[] {0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0}, crop(new float[] {0, 0, 8, 8}, 4), 0);
    // Box (1,2,5,6) at 2x2: x samples at 1.5 (half-way into the mask: 0.5, kept by >= 0.5) and 3.5.
    assertFloats(new float[] {1, 1, 1, 1}, crop(new float[] {1, 2, 5, 6}, 2), 0);
    // Box (0,2,4,6) at 2x2: x samples at 0.5 (0) and 2.5 (1).
    assertFloats(new float[] {0, 1, 0, 1}, crop(new float[] {0, 2, 4, 6}, 2), 0);
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
