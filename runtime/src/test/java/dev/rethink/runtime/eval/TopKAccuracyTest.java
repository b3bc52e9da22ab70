package dev.rethink.runtime.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopKAccuracyTest {

  /*
   * Six classes, five rows:
   *   row 0, label 1 (0.5): one score higher (0.9)  -> top-1 miss, top-5 hit
   *   row 1, label 3 (0.9): nothing higher          -> both hit
   *   row 2, label 4, all scores equal: none higher -> both hit (ties count in the true class's favour)
   *   row 3, label 5 (0.0): five higher             -> both miss (5 is not fewer than 5)
   *   row 4, label 0 is NaN                         -> both miss
   * top1 = 2/5 = 40 %, top5 = 3/5 = 60 %.
   */
  @Test
  void topOneAndTopFiveWithTies() {
    float nan = Float.NaN;
    float[] logits = {
        0.1f, 0.5f, 0.2f, 0.9f, 0.3f, 0.0f,
        0.1f, 0.5f, 0.2f, 0.9f, 0.3f, 0.0f,
        1f, 1f, 1f, 1f, 1f, 1f,
        5f, 4f, 3f, 2f, 1f, 0f,
        nan, 0f, 0f, 0f, 0f, 0f};
    TopKAccuracy acc = new TopKAccuracy(List.of(1, 5));
    // Fed in two batches: the result does not depend on batching.
    acc.add(java.util.Arrays.copyOfRange(logits, 0, 12), 6, new int[] {1, 3});
    acc.add(new TopKAccuracy.Batch(java.util.Arrays.copyOfRange(logits, 12, 30), 6, new int[] {4, 5, 0}));
    Map<String, Double> m = acc.summarize();
    assertEquals(List.of("top1", "top5"), List.copyOf(m.keySet()));
    assertEquals(40.0, m.get("top1"), 1e-12);
    assertEquals(60.0, m.get("top5"), 1e-12);
    assertEquals(5, acc.count());
    acc.reset();
    assertTrue(acc.summarize().get("top1").isNaN());
  }

  @Test
  void rejectsBadShapesAndLabels() {
    TopKAccuracy acc = new TopKAccuracy(List.of(1));
    assertThrows(IllegalArgumentException.class, () -> acc.add(new float[5], 3, new int[] {0, 1}));
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> acc.add(new float[6], 3, new int[] {0, 3}));
    assertTrue(label.getMessage().contains("labels[1] = 3"), label.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TopKAccuracy(List.of(0)));
  }
}
