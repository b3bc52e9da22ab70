package dev.rethink.runtime.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.report.Budget;
import org.junit.jupiter.api.Test;

/** A detection batch's budget counts the resized images' pixels (not the padding) and the instances fed. */
class DetectionFeedsBudgetTest {
  @Test
  void countsResizedPixelsAndGroundTruthInstances() {
    // Two images padded to 64×96: one resized to 60×80 with 3 instances, one to 64×96 with none; 4 slots each.
    int n = 2;
    int h = 64;
    int w = 96;
    int g = 4;
    DetectionBatch b = new DetectionBatch(n, h, w, new float[n * h * w * 3], new long[] {7, 9}, new int[] {60, 64},
        new int[] {80, 96}, new float[] {0.5f, 0.5f}, new boolean[n], g, new int[] {3, 0}, new float[n * g * 4],
        new int[n * g], 0, new float[0], 0, new float[0]);
    assertEquals(new Budget(2, 3, 60 * 80 + 64 * 96), DetectionFeeds.budget(b));
  }
}
