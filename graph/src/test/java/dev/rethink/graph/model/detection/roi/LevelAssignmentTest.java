package dev.rethink.graph.model.detection.roi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.graph.model.detection.Tf;
import org.junit.jupiter.api.Test;

class LevelAssignmentTest {
  @Test
  void canonical224AtLevel4ClampedToP2P5() {
    // sqrt(area): 224 -> 4; 112 -> 3; 448 -> 5; 896 -> 6 clamped to 5; 50 -> floor(4 - 2.16) = 1 clamped to 2;
    // 223.9 -> floor(3.9994) = 3; 100x400 (sqrt 200) -> floor(4 + log2(0.893)) = 3. Results relative to P2.
    float[][] boxes = {{0, 0, 224, 224}, {10, 10, 122, 122}, {0, 0, 448, 448}, {0, 0, 896, 896}, {0, 0, 50, 50},
        {0, 0, 223.9f, 223.9f}, {0, 0, 100, 400}};
    Object levels = Tf.run1(tf -> LevelAssignment.assign(tf, tf.constant(boxes), 2, 5));
    assertArrayEquals(new int[] {2, 1, 3, 3, 0, 1, 1}, (int[]) levels);
  }
}
