package dev.rethink.graph.model.detection.anchor;

import static dev.rethink.graph.model.detection.Tf.assertFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.dsl.model.detection.ProposalLimits;
import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalsTest {
  // One image 40x40. Level 0: box1 overlaps box0 with IoU 90/110 > 0.7; box3 is clipped to (0, 0, 2, 2).
  private static final float[][][] BOXES0 = {{{0, 0, 10, 10}, {1, 0, 11, 10}, {20, 20, 30, 30}, {-5, -5, 2, 2}}};
  private static final float[][] SCORES0 = {{3, 2, 1, 0}};
  private static final float[][][] BOXES1 = {{{5, 20, 15, 30}}};
  private static final float[][] SCORES1 = {{2.5f}};
  private static final float[][] HW = {{40, 40}};

  @Test
  void topKThenClipThenNmsPerLevelThenTopKOverLevels() {
    List<Object> out = Tf.run(tf -> {
      Proposals.ProposalSet p = Proposals.select(tf, List.of(tf.constant(SCORES0), tf.constant(SCORES1)),
          List.of(tf.constant(BOXES0), tf.constant(BOXES1)), tf.constant(HW), new ProposalLimits(4, 5), 0.7,
          0.0);
      return List.of(p.boxes(), p.scores(), p.valid());
    });
    // Survivors by score: box0 (3), level-1 box (2.5), box2 (1), clipped box3 (0); box1 suppressed.
    assertFloats(new float[] {0, 0, 10, 10, 5, 20, 15, 30, 20, 20, 30, 30, 0, 0, 2, 2}, slice(out.get(0), 16), 0);
    assertFloats(new float[] {3, 2.5f, 1, 0}, slice(out.get(1), 4), 0);
    assertArrayEquals(new boolean[] {true, true, true, true, false}, (boolean[]) out.get(2));
  }

  @Test
  void preNmsTopKAndMinSizeDropCandidates() {
    List<Object> out = Tf.run(tf -> {
      Proposals.ProposalSet p = Proposals.select(tf, List.of(tf.constant(SCORES0)), List.of(tf.constant(BOXES0)),
          tf.constant(HW), new ProposalLimits(4, 3), 0.7, 2.5);
      return List.of(p.boxes(), p.valid());
    });
    // The clipped 2x2 box is not above min size 2.5: only box0 and box2 remain.
    assertFloats(new float[] {0, 0, 10, 10, 20, 20, 30, 30}, slice(out.get(0), 8), 0);
    assertArrayEquals(new boolean[] {true, true, false}, (boolean[]) out.get(1));
  }

  @Test
  void eachImageOfABatchHasItsOwnNms() {
    // Image 1: the same boxes with box1 scored highest; now box1 suppresses box0.
    float[][][] boxes = {BOXES0[0], BOXES0[0]};
    float[][] scores = {SCORES0[0], {2, 3, 1, 0}};
    List<Object> out = Tf.run(tf -> {
      Proposals.ProposalSet p = Proposals.select(tf, List.of(tf.constant(scores)), List.of(tf.constant(boxes)),
          tf.constant(new float[][] {{40, 40}, {40, 40}}), new ProposalLimits(4, 3), 0.7, 0.0);
      return List.of(p.boxes(), p.scores());
    });
    assertFloats(new float[] {0, 0, 10, 10, 20, 20, 30, 30, 0, 0, 2, 2, 1, 0, 11, 10, 20, 20, 30, 30, 0, 0, 2, 2},
        out.get(0), 0);
    assertFloats(new float[] {3, 1, 0, 3, 1, 0}, out.get(1), 0);
  }

  private static float[] slice(Object a, int n) {
    return java.util.Arrays.copyOf((float[]) a, n);
  }
}
