package dev.rethink.graph.model.detection.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {
  // Two real ground truths and one padded row (IoU -1), five anchors.
  private static final float[][][] IOU = {{
      {0.8f, 0.5f, 0.2f, 0.1f, 0.0f},
      {0.1f, 0.6f, 0.25f, 0.4f, 0.0f},
      {-1, -1, -1, -1, -1}}};

  @Test
  void thresholdsLabelForegroundBackgroundIgnored() {
    List<Object> out = Tf.run(tf -> {
      Matcher.Match m = new Matcher(0.3, 0.7, false).match(tf, tf.constant(IOU));
      return List.of(m.matchedIndex(), m.labels());
    });
    // max IoU per anchor: 0.8 (gt0), 0.6 (gt1), 0.25 (gt1), 0.4 (gt1), 0 -> 1, ignored, 0, ignored, 0.
    assertArrayEquals(new int[] {0, 1, 1, 1, 0}, (int[]) out.get(0));
    assertArrayEquals(new int[] {1, -1, 0, -1, 0}, (int[]) out.get(1));
  }

  @Test
  void lowQualityMatchesMakeEachGroundTruthsBestAnchorForeground() {
    Object labels = Tf.run1(tf -> new Matcher(0.3, 0.7, true).match(tf, tf.constant(IOU)).labels());
    // gt1's best anchor (IoU 0.6, anchor 1) becomes foreground; gt0's best is already.
    assertArrayEquals(new int[] {1, 1, 0, -1, 0}, (int[]) labels);
  }

  @Test
  void singleThresholdHasNoIgnoredBand() {
    Object labels = Tf.run1(tf -> new Matcher(0.5, 0.5, false).match(tf, tf.constant(IOU)).labels());
    assertArrayEquals(new int[] {1, 1, 0, 0, 0}, (int[]) labels);
  }
}
