package dev.rethink.runtime.eval.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.eval.VocMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VOC AP against hand-worked cases of the reference {@code voc_eval.py} rules. */
class VocEvaluatorTest {
  private static final double TOL = 1e-12;

  private static VocBox box(double x0, double y0, double x1, double y1) {
    return new VocBox(x0, y0, x1, y1);
  }

  /*
   * Class cat: image a has a cat [10,10,59,59] and a difficult cat [100,100,149,149]; image b a cat [0,0,49,49].
   * npos = 2 (the difficult one does not count). Class dog has no object: NaN, left out of the mean.
   * Detections by confidence:
   *   .9 a exact cat                 -> TP
   *   .8 a on the difficult cat      -> neither TP nor FP
   *   .7 a exact cat again           -> FP (already taken)
   *   .6 b [200,200,249,249]         -> FP (no overlap)
   *   .5 b exact cat                 -> TP
   * cumulative tp 1,1,1,1,2; fp 0,0,1,2,2 -> rec .5,.5,.5,.5,1; prec 1, 1, 1/2, 1/3, 1/2.
   * AREA: envelope 1,1,1/2,1/2,1/2 (from the right: max(1/3, 1/2) = 1/2); recall steps 0->.5 at precision 1 and
   *   .5->1 at precision 1/2: AP = .5 * 1 + .5 * .5 = 0.75.
   * ELEVEN_POINT: t = 0, .1, .2, .3, .4, .5 -> max precision at rec >= t = 1; t = .6 ... 1 -> only rec 1, precision
   *   1/2: AP = (6 * 1 + 5 * 0.5) / 11 = 8.5 / 11.
   */
  private static VocEvaluator catsAndDogs(VocMetric metric) {
    List<VocObject> objects = List.of(
        new VocObject("a", 0, box(10, 10, 59, 59), false),
        new VocObject("a", 0, box(100, 100, 149, 149), true),
        new VocObject("b", 0, box(0, 0, 49, 49), false));
    VocEvaluator e = new VocEvaluator(List.of("cat", "dog"), List.of("a", "b", "c"), objects, metric);
    e.add(List.of(
        new VocDetection("a", 0, 0.7, box(10, 10, 59, 59)),
        new VocDetection("b", 0, 0.5, box(0, 0, 49, 49)),
        new VocDetection("a", 0, 0.9, box(10, 10, 59, 59))));
    e.add(List.of(
        new VocDetection("a", 0, 0.8, box(100, 100, 149, 149)),
        new VocDetection("b", 0, 0.6, box(200, 200, 249, 249))));
    return e;
  }

  @Test
  void areaMetricByHand() {
    VocResult r = catsAndDogs(VocMetric.AREA).evaluate();
    assertEquals(0.75, r.ap("cat"), TOL);
    assertTrue(Double.isNaN(r.ap("dog")));
    assertEquals(0.75, r.meanAp(), TOL);
  }

  @Test
  void elevenPointMetricByHand() {
    VocResult r = catsAndDogs(VocMetric.ELEVEN_POINT).evaluate();
    assertEquals(8.5 / 11, r.ap("cat"), TOL);
    assertEquals(8.5 / 11, r.meanAp(), TOL);
  }

  @Test
  void summaryListsMeanThenPerClass() {
    Map<String, Double> m = catsAndDogs(VocMetric.AREA).summarize();
    assertEquals(List.of("mAP", "AP/cat", "AP/dog"), new ArrayList<>(m.keySet()));
    assertEquals(0.75, m.get("AP/cat"), TOL);
  }

  /*
   * Inclusive pixel boxes and the strict > 0.5: ground truth [0,0,9,9] is 10 x 10 = 100 pixels.
   * [0,0,9,4]: 10 x 5 = 50 inside -> 50 / (50 + 100 - 50) = 0.5, not above -> FP -> AP 0.
   * [0,0,9,5]: 60 / 100 = 0.6 -> TP -> AP 1.
   */
  @Test
  void overlapMustExceedOneHalfOnInclusiveBoxes() {
    List<VocObject> one = List.of(new VocObject("a", 0, box(0, 0, 9, 9), false));
    VocEvaluator half = new VocEvaluator(List.of("x"), List.of("a"), one, VocMetric.AREA);
    half.add(List.of(new VocDetection("a", 0, 0.9, box(0, 0, 9, 4))));
    assertEquals(0, half.evaluate().meanAp(), TOL);
    VocEvaluator more = new VocEvaluator(List.of("x"), List.of("a"), one, VocMetric.AREA);
    more.add(List.of(new VocDetection("a", 0, 0.9, box(0, 0, 9, 5))));
    assertEquals(1, more.evaluate().meanAp(), TOL);
  }

  /*
   * The 11 thresholds are np.arange(0, 1.1, 0.1) = i * 0.1, so the fourth is 0.30000000000000004. Ten objects,
   * three found first (precision 1): recall reaches exactly 3/10 = 0.3, below that threshold, so t = 0, .1, .2
   * score 1 and the rest 0: AP = 3/11 (4/11 with a decimal 0.3).
   */
  @Test
  void elevenPointThresholdsAreArangeValues() {
    List<VocObject> objects = new ArrayList<>();
    List<VocDetection> dets = new ArrayList<>();
    for (int j = 0; j < 10; j++) {
      objects.add(new VocObject("a", 0, box(j * 100, 0, j * 100 + 49, 49), false));
      if (j < 3) {
        dets.add(new VocDetection("a", 0, 0.9, box(j * 100, 0, j * 100 + 49, 49)));
      }
    }
    VocEvaluator e = new VocEvaluator(List.of("x"), List.of("a"), objects, VocMetric.ELEVEN_POINT);
    e.add(dets);
    assertEquals(3.0 / 11, e.evaluate().meanAp(), TOL);
  }

  /* No detections: AREA gives 0 (envelope of zeros), so does ELEVEN_POINT. */
  @Test
  void noDetectionsGiveZero() {
    List<VocObject> one = List.of(new VocObject("a", 0, box(0, 0, 9, 9), false));
    assertEquals(0, new VocEvaluator(List.of("x"), List.of("a"), one, VocMetric.AREA).evaluate().meanAp(), 0);
    assertEquals(0, new VocEvaluator(List.of("x"), List.of("a"), one, VocMetric.ELEVEN_POINT).evaluate().meanAp(),
        0);
  }

  @Test
  void rejectsUnknownImagesAndClasses() {
    VocEvaluator e = catsAndDogs(VocMetric.AREA);
    IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
        () -> e.add(List.of(new VocDetection("zz", 0, 0.5, box(0, 0, 1, 1)))));
    assertTrue(image.getMessage().contains("'zz'"), image.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> e.add(List.of(new VocDetection("a", 2, 0.5, box(0, 0, 1, 1)))));
    e.reset();
    assertEquals(0, e.evaluate().ap("cat"), 0);
  }
}
