package dev.rethink.graph.model.detection.anchor;

import static dev.rethink.graph.model.detection.Tf.assertFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorGeneratorTest {

  @Test
  void cellAnchorsFollowDetectron2() {
    // size 32: ratio 0.5 -> w = sqrt(2048) = 45.2548, h = 22.6274; ratio 1 -> 32x32; ratio 2 -> 22.6274 x 45.2548.
    float[][] cell = AnchorGenerator.cellAnchors(List.of(32.0), List.of(0.5, 1.0, 2.0));
    float a = 22.627417f;
    float b = 11.3137085f;
    assertArrayEquals(new float[] {-a, -b, a, b}, cell[0], 1e-4f);
    assertArrayEquals(new float[] {-16, -16, 16, 16}, cell[1], 1e-5f);
    assertArrayEquals(new float[] {-b, -a, b, a}, cell[2], 1e-4f);
  }

  @Test
  void gridOfASmallFeatureMapIsRowMajorThenCell() {
    // 2x3 map at stride 4, cells 8x8 and 16x16 (sizes outer): centres at (0,0),(4,0),(8,0),(0,4),(4,4),(8,4).
    float[][] cell = AnchorGenerator.cellAnchors(List.of(8.0, 16.0), List.of(1.0));
    Object anchors = Tf.run1(tf -> AnchorGenerator.gridAnchors(tf, tf.constant(new int[] {2, 3}), 4, cell));
    float[] expected = new float[6 * 2 * 4];
    int[][] centres = {{0, 0}, {4, 0}, {8, 0}, {0, 4}, {4, 4}, {8, 4}};
    int i = 0;
    for (int[] c : centres) {
      for (int half : new int[] {4, 8}) {
        expected[i++] = c[0] - half;
        expected[i++] = c[1] - half;
        expected[i++] = c[0] + half;
        expected[i++] = c[1] + half;
      }
    }
    assertFloats(expected, anchors, 0);
  }
}
