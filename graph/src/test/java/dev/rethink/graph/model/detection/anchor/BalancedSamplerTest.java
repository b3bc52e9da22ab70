package dev.rethink.graph.model.detection.anchor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.model.detection.Tf;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancedSamplerTest {
  private static final int A = 1500;

  /** Image 0: 300 fg, 1000 bg, 200 ignored; image 1: 10 fg, 1000 bg; image 2: 0 fg, 100 bg, rest ignored. */
  private static int[][] labels() {
    int[][] l = new int[3][A];
    for (int i = 0; i < A; i++) {
      l[0][i] = i < 300 ? 1 : i < 1300 ? 0 : -1;
      l[1][i] = i < 10 ? 1 : i < 1010 ? 0 : -1;
      l[2][i] = i < 100 ? 0 : -1;
    }
    return l;
  }

  private static List<Object> sample(long seed) {
    return Tf.run(tf -> {
      BalancedSampler.Sample s = BalancedSampler.sample(tf, tf.constant(labels()), 256, 0.5,
          tf.constant(new long[] {seed, 7}));
      return List.of(s.positive(), s.negative(), BalancedSampler.countPerRow(tf, s.positive()),
          BalancedSampler.countPerRow(tf, s.negative()));
    });
  }

  @Test
  void countsFollowDetectron2() {
    List<Object> out = sample(1);
    // min(#fg, 128) positives; negatives fill up to 256 (or all there are).
    assertArrayEquals(new int[] {128, 10, 0}, (int[]) out.get(2));
    assertArrayEquals(new int[] {128, 246, 100}, (int[]) out.get(3));
    boolean[] pos = (boolean[]) out.get(0);
    boolean[] neg = (boolean[]) out.get(1);
    int[][] l = labels();
    for (int n = 0; n < 3; n++) {
      for (int i = 0; i < A; i++) {
        assertTrue(!pos[n * A + i] || l[n][i] == 1, "positive drawn from foreground");
        assertTrue(!neg[n * A + i] || l[n][i] == 0, "negative drawn from background");
      }
    }
  }

  @Test
  void deterministicGivenTheSeedAndDifferentAcrossSeeds() {
    List<Object> a = sample(1);
    List<Object> b = sample(1);
    List<Object> c = sample(2);
    assertArrayEquals((boolean[]) a.get(0), (boolean[]) b.get(0));
    assertArrayEquals((boolean[]) a.get(1), (boolean[]) b.get(1));
    assertFalse(Arrays.equals((boolean[]) a.get(0), (boolean[]) c.get(0)));
    // A random half of image 0's 300 positives: not simply the first 128.
    boolean[] pos = (boolean[]) a.get(0);
    int late = 0;
    for (int i = 128; i < 300; i++) {
      late += pos[i] ? 1 : 0;
    }
    assertTrue(late > 30, "positives spread over all candidates, got " + late + " beyond index 128");
    assertEquals(128, ((int[]) c.get(2))[0]);
  }
}
