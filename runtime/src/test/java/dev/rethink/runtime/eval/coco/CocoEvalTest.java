package dev.rethink.runtime.eval.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.mask.Rle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * COCOeval's rules on cases small enough to work out by hand from the reference's documented semantics. Notation:
 * with npig non-ignored ground truths, detections ranked by score give recall {@code rc = tp / npig} and precision
 * {@code pr = tp / (tp + fp)} (the reference adds 2^-52 to the denominator: ~1e-16, far below the 1e-12
 * tolerance); precision is made non-increasing from the right; for each recall threshold {@code r_i = i * 0.01}
 * (i = 0..100), q_i is the precision at the first rank whose recall reaches r_i, 0 if none; AP at one IoU threshold
 * is the mean of the 101 q_i, and the reported AP the mean over the 10 IoU thresholds .50:.05:.95 and over
 * categories that have ground truth.
 */
class CocoEvalTest {
  private static final double TOL = 1e-12;
  /** Stats indices. */
  private static final int AP = 0;
  private static final int AP50 = 1;
  private static final int AP75 = 2;
  private static final int APS = 3;
  private static final int APM = 4;
  private static final int APL = 5;
  private static final int AR1 = 6;
  private static final int AR10 = 7;
  private static final int AR100 = 8;
  private static final int ARS = 9;
  private static final int ARM = 10;
  private static final int ARL = 11;

  private long nextAnnotationId = 1;

  private CocoAnnotation gt(long image, int category, double x, double y, double w, double h, double area,
      boolean crowd) {
    return CocoAnnotation.box(nextAnnotationId++, image, category, new Box(x, y, w, h), area, crowd);
  }

  private static CocoDetection det(long image, int category, double score, double x, double y, double w,
      double h) {
    return CocoDetection.box(image, category, score, new Box(x, y, w, h));
  }

  private static CocoGroundTruth dataset(List<Long> images, List<Integer> categories, List<CocoAnnotation> anns) {
    List<CocoImage> imgs = new ArrayList<>();
    for (long id : images) {
      imgs.add(new CocoImage(id, 640, 480));
    }
    List<CocoCategory> cats = new ArrayList<>();
    for (int id : categories) {
      cats.add(new CocoCategory(id, "c" + id));
    }
    return new CocoGroundTruth(imgs, cats, anns);
  }

  private static double[] bbox(CocoGroundTruth gt, List<CocoDetection> dets) {
    return CocoEval.evaluate(gt, dets, IouType.BBOX).stats();
  }

  /*
   * Three large ground truths (100x100, area 10000 > 96²) in one image; detections by score: TP (exact box),
   * FP (no overlap), TP. IoU is 1 or 0, so every threshold is alike. npig = 3.
   *   rc = [1/3, 1/3, 2/3], pr = [1, 1/2, 2/3] -> non-increasing: [1, 2/3, 2/3]
   *   r_0..r_33 (<= 0.33 < 1/3) -> rank 0 -> 1;  r_34..r_66 (<= 0.66 < 2/3) -> rank 2 -> 2/3;  r_67..r_100 -> 0
   *   AP = (34 * 1 + 33 * 2/3) / 101 = 56/101, at every IoU threshold; all ground truth is large.
   *   AR1: the top detection per image only -> 1/3; AR10 = AR100 = 2/3. Small and medium: no ground truth -> -1.
   */
  @Test
  void rankingInterpolationAndRecallThresholds() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(
        gt(1, 1, 0, 0, 100, 100, 10000, false),
        gt(1, 1, 200, 0, 100, 100, 10000, false),
        gt(1, 1, 400, 0, 100, 100, 10000, false)));
    List<CocoDetection> dets = List.of(
        det(1, 1, 0.9, 0, 0, 100, 100),
        det(1, 1, 0.8, 0, 300, 100, 100),
        det(1, 1, 0.7, 200, 0, 100, 100));
    double ap = 56.0 / 101;
    assertArrayEquals(new double[] {ap, ap, ap, -1, -1, ap, 1.0 / 3, 2.0 / 3, 2.0 / 3, -1, -1, 2.0 / 3},
        bbox(gt, dets), TOL);
  }

  /*
   * The summary of the case above in COCOeval's layout: ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ]
   * = {:0.3f}'. 56/101 = 0.55445 -> 0.554; 1/3 -> 0.333; 2/3 -> 0.667.
   */
  @Test
  void summaryLinesHaveTheReferenceLayout() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(
        gt(1, 1, 0, 0, 100, 100, 10000, false),
        gt(1, 1, 200, 0, 100, 100, 10000, false),
        gt(1, 1, 400, 0, 100, 100, 10000, false)));
    List<CocoDetection> dets = List.of(
        det(1, 1, 0.9, 0, 0, 100, 100),
        det(1, 1, 0.8, 0, 300, 100, 100),
        det(1, 1, 0.7, 200, 0, 100, 100));
    assertEquals(List.of(
        " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.554",
        " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.554",
        " Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.554",
        " Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000",
        " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000",
        " Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.554",
        " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.333",
        " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.667",
        " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.667",
        " Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000",
        " Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000",
        " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.667"),
        CocoEval.evaluate(gt, dets, IouType.BBOX).summaryLines());
  }

  /* Python's '{:0.3f}' rounds the exact binary value half to even: 0.0625 -> 0.062, 0.125 -> 0.12 at 2 digits. */
  @Test
  void formatsLikePython() {
    assertEquals("0.062", CocoEvalResult.fixed(0.0625, 3));
    assertEquals("0.12", CocoEvalResult.fixed(0.125, 2));
    assertEquals("0.001", CocoEvalResult.fixed(0.0005, 3)); // 0.0005 is slightly above the tie in binary
    assertEquals("-1.000", CocoEvalResult.fixed(-1, 3));
  }

  /*
   * Crowd: a regular ground truth G = [0,0,10,10] (area 100) and a crowd region C = [50,50,40,40].
   * Detections by score: two small boxes inside C (.95, .92), the exact box of G (.9), a box elsewhere (.6).
   * IoU with a crowd is intersection / detection area = 1 for both boxes inside C (their ordinary IoU would be
   * 100/1600): both match C — a crowd absorbs any number of detections — and are ignored. npig = 1 (C ignored).
   * Ranked, ignoring the ignored: TP, FP -> rc = [0, 0, 1, 1], pr = [0, 0, 1, 1/2] -> [1, 1, 1, 1/2] -> q_i = 1 for
   * every r_i: AP = 1. (Were they false positives, precision at recall 1 would be 1/3.)
   * Sizes: G (area 100) is small; the detection elsewhere [300,300,10,10] (area 100) is small too, so it stays a
   * false positive there; in medium and large there is no ground truth -> -1.
   * AR1 = 0: the image's single best detection is an ignored one inside C.
   */
  @Test
  void detectionsMatchedToCrowdsAreIgnored() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(
        gt(1, 1, 0, 0, 10, 10, 100, false),
        gt(1, 1, 50, 50, 40, 40, 1600, true)));
    List<CocoDetection> dets = List.of(
        det(1, 1, 0.95, 55, 55, 10, 10),
        det(1, 1, 0.92, 60, 60, 5, 5),
        det(1, 1, 0.9, 0, 0, 10, 10),
        det(1, 1, 0.6, 300, 300, 10, 10));
    assertArrayEquals(new double[] {1, 1, 1, 1, -1, -1, 0, 1, 1, 1, -1, -1}, bbox(gt, dets), TOL);
  }

  /*
   * Regular ground truth is matched before crowds. G = [0,0,10,10] (area 100) lies inside the crowd C =
   * [0,0,100,100]. The only detection D = [0,0,10,6.2]: IoU with G = 62/100 = 0.62; with C (crowd) = 62/62 = 1.
   * At thresholds .50, .55, .60 D takes G (the search stops at the first ignored ground truth once it holds a
   * regular match): TP, AP_t = 1. At .65 and above G is below the threshold and D falls to C: ignored, no TP,
   * AP_t = 0 (q_0 = precision at rank 0 = 0). AP = 3/10, AP50 = 1, AP75 = 0; recall likewise 3/10.
   * G and D are small (areas 100 and 62); medium / large have no ground truth.
   */
  @Test
  void regularGroundTruthIsPreferredOverCrowd() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(
        gt(1, 1, 0, 0, 100, 100, 10000, true),
        gt(1, 1, 0, 0, 10, 10, 100, false)));
    List<CocoDetection> dets = List.of(det(1, 1, 0.9, 0, 0, 10, 6.2));
    assertArrayEquals(new double[] {0.3, 1, 0, 0.3, -1, -1, 0.3, 0.3, 0.3, 0.3, -1, -1}, bbox(gt, dets), TOL);
  }

  /*
   * Area ranges come from the annotations' area field, not from the boxes (all boxes here are 10x10):
   * gS area 500 (small), gM area 5000 (medium), gL area 20000 (large), each hit exactly by one detection
   * (scores .9, .8, .7); a false positive F = [100,100,6,6] (area 36, small) scores highest (.95).
   *  all:    F FP, then 3 TPs: pr = [0, 1/2, 2/3, 3/4] -> 3/4 everywhere; npig 3, rc reaches 1 -> AP 3/4.
   *  small:  gM, gL ignored; their detections match them and are ignored; F is small -> FP:
   *          rc = [0, 1, 1, 1], pr -> 1/2 -> APs = 1/2.
   *  medium: F is outside [32², 96²] and unmatched -> ignored; gS's detection matches ignored gS -> ignored:
   *          only gM's TP counts -> APm = 1. large: likewise APl = 1.
   *  AR1: one detection per image, F -> 0; AR10 = AR100 = 1; ARs = ARm = ARl = 1.
   */
  @Test
  void eachAreaRangeUsesTheAnnotationArea() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(
        gt(1, 1, 0, 0, 10, 10, 500, false),
        gt(1, 1, 20, 0, 10, 10, 5000, false),
        gt(1, 1, 40, 0, 10, 10, 20000, false)));
    List<CocoDetection> dets = List.of(
        det(1, 1, 0.9, 0, 0, 10, 10),
        det(1, 1, 0.8, 20, 0, 10, 10),
        det(1, 1, 0.7, 40, 0, 10, 10),
        det(1, 1, 0.95, 100, 100, 6, 6));
    assertArrayEquals(new double[] {0.75, 0.75, 0.75, 0.5, 1, 1, 0, 1, 1, 1, 1, 1}, bbox(gt, dets), TOL);
  }

  /*
   * Range ends are inclusive: a ground truth of area exactly 32² = 1024 is both small and medium; exactly 96² =
   * 9216 both medium and large. One exact detection each (box areas 1024 and 9216 as well).
   * Small: the 1024 one only (TP) -> 1. Medium: both -> 1. Large: the 9216 one -> 1.
   */
  @Test
  void areaRangeEndsAreInclusive() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(
        gt(1, 1, 0, 0, 32, 32, 1024, false),
        gt(1, 1, 100, 0, 96, 96, 9216, false)));
    List<CocoDetection> dets = List.of(det(1, 1, 0.9, 0, 0, 32, 32), det(1, 1, 0.8, 100, 0, 96, 96));
    double[] s = bbox(gt, dets);
    assertEquals(1, s[APS], TOL);
    assertEquals(1, s[APM], TOL);
    assertEquals(1, s[APL], TOL);
    assertEquals(1, s[AP], TOL);
  }

  /*
   * maxDets: three large ground truths g1, g2, g3 in one image and 101 detections ranked
   *   1: g1 (TP) | 2-9: false positives | 10: g2 (TP) | 11-100: false positives | 101: g3 (TP, cut off).
   * Only the 100 best detections per image are evaluated, so g3 is never found.
   *   AR1 = 1/3 (rank 1), AR10 = 2/3 (ranks 1-10), AR100 = 2/3 (rank 101 is cut).
   *   AP: rc = 1/3 on ranks 1-9, 2/3 from rank 10; pr after the right-to-left maximum: rank 1 -> 1, ranks 2-10 ->
   *   2/10. q = 1 for r_0..r_33, 0.2 for r_34..r_66, 0 beyond: AP = (34 + 33 * 0.2) / 101 = 40.6 / 101.
   */
  @Test
  void maxDetsTruncatesPerImage() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(
        gt(1, 1, 0, 0, 100, 100, 10000, false),
        gt(1, 1, 200, 0, 100, 100, 10000, false),
        gt(1, 1, 400, 0, 100, 100, 10000, false)));
    List<CocoDetection> dets = new ArrayList<>();
    for (int rank = 1; rank <= 101; rank++) {
      double score = 1 - rank * 0.001;
      if (rank == 1) {
        dets.add(det(1, 1, score, 0, 0, 100, 100));
      } else if (rank == 10) {
        dets.add(det(1, 1, score, 200, 0, 100, 100));
      } else if (rank == 101) {
        dets.add(det(1, 1, score, 400, 0, 100, 100));
      } else {
        dets.add(det(1, 1, score, 0, 300, 100, 100));
      }
    }
    java.util.Collections.reverse(dets); // input order is irrelevant: ranking is by score
    double ap = 40.6 / 101;
    assertArrayEquals(new double[] {ap, ap, ap, -1, -1, ap, 1.0 / 3, 2.0 / 3, 2.0 / 3, -1, -1, 2.0 / 3},
        bbox(gt, dets), TOL);
  }

  /*
   * Images without ground truth still count their detections as false positives; categories without ground
   * truth get -1 and are left out of the means.
   * Image 1: ground truth of category 1, hit exactly (score .8). Image 2: no ground truth, a category-1 detection
   * scoring .9 (FP). Image 3: nothing at all. Category 2 has no ground truth anywhere but a detection in image 1.
   * Category 1: FP, TP -> rc = [0, 1], pr = [0, 1/2] -> [1/2, 1/2] -> AP 1/2 (1 without image 2's detection).
   * Category 2: -1, not averaged (else AP would be 1/4). AR100 = 1, AR1 = 1 (image 1's best is the TP).
   */
  @Test
  void imagesWithoutGroundTruthAndCategoriesWithoutGroundTruth() {
    CocoGroundTruth gt = dataset(List.of(1L, 2L, 3L), List.of(1, 2), List.of(
        gt(1, 1, 0, 0, 100, 100, 10000, false)));
    List<CocoDetection> dets = List.of(
        det(1, 1, 0.8, 0, 0, 100, 100),
        det(2, 1, 0.9, 0, 0, 100, 100),
        det(1, 2, 0.99, 0, 0, 100, 100));
    CocoEvalResult result = CocoEval.evaluate(gt, dets, IouType.BBOX);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, -1, -1, 0.5, 1, 1, 1, -1, -1, 1}, result.stats(), TOL);
    assertEquals(-1, result.categoryAp(1), 0);
    assertEquals(-1, result.precision(0, 0, 1, 0, 2), 0);
    assertEquals(-1, result.recall(0, 1, 0, 2), 0);
  }

  /*
   * A category with ground truth but no detections has precision 0 and recall 0 (not -1), and counts in the means:
   * category 1 is found perfectly (AP 1), category 3 not at all (AP 0) -> AP = 1/2, AR = 1/2.
   */
  @Test
  void categoriesWithoutDetectionsCountAsZero() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1, 3), List.of(
        gt(1, 1, 0, 0, 100, 100, 10000, false),
        gt(1, 3, 200, 0, 100, 100, 10000, false)));
    CocoEvalResult result = CocoEval.evaluate(gt, List.of(det(1, 1, 0.5, 0, 0, 100, 100)), IouType.BBOX);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, -1, -1, 0.5, 0.5, 0.5, 0.5, -1, -1, 0.5}, result.stats(), TOL);
    assertEquals(0, result.categoryAp(1), 0);
    assertEquals(0, result.recall(0, 1, 0, 2), 0);
  }

  /*
   * Ties in score keep their input order within an image (mergesort is stable): FP then TP at equal scores gives
   * rc = [0, 1], pr = [0, 1/2] -> AP 1/2; TP then FP gives pr = [1, 1/2] -> AP 1.
   * Across images, detections are concatenated in ascending image id order before the stable sort: a TP in
   * image 3 and an FP in image 7 at equal scores rank TP first (AP 1) whatever the input order; swap the images
   * and the FP ranks first (AP 1/2).
   */
  @Test
  void tiesInScoreFollowInputOrderThenImageIdOrder() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(gt(1, 1, 0, 0, 100, 100, 10000, false)));
    CocoDetection tp = det(1, 1, 0.5, 0, 0, 100, 100);
    CocoDetection fp = det(1, 1, 0.5, 300, 300, 100, 100);
    assertEquals(0.5, bbox(gt, List.of(fp, tp))[AP], TOL);
    assertEquals(1, bbox(gt, List.of(tp, fp))[AP], TOL);

    CocoGroundTruth two = dataset(List.of(7L, 3L), List.of(1), List.of(
        gt(3, 1, 0, 0, 100, 100, 10000, false)));
    CocoDetection tpIn3 = det(3, 1, 0.5, 0, 0, 100, 100);
    CocoDetection fpIn7 = det(7, 1, 0.5, 0, 0, 100, 100);
    assertEquals(1, bbox(two, List.of(fpIn7, tpIn3))[AP], TOL);
    CocoGroundTruth swapped = dataset(List.of(7L, 3L), List.of(1), List.of(
        gt(7, 1, 0, 0, 100, 100, 10000, false)));
    CocoDetection tpIn7 = det(7, 1, 0.5, 0, 0, 100, 100);
    CocoDetection fpIn3 = det(3, 1, 0.5, 0, 0, 100, 100);
    assertEquals(0.5, bbox(swapped, List.of(tpIn7, fpIn3))[AP], TOL);
  }

  /*
   * The recall thresholds are np.linspace(0, 1, 101): r_70 = 70 * 0.01 = 0.7000000000000001 > 7/10. With 10
   * ground truths and exactly 7 found (all ranked first), q_0..q_69 = 1 and q_70 = 0 (recall 0.7 does not reach
   * r_70): AP = 70/101, not 71/101.
   */
  @Test
  void recallThresholdsHaveLinspaceValues() {
    List<CocoAnnotation> anns = new ArrayList<>();
    List<CocoDetection> dets = new ArrayList<>();
    for (int j = 0; j < 10; j++) {
      anns.add(gt(1, 1, j * 150, 0, 100, 100, 10000, false));
      if (j < 7) {
        dets.add(det(1, 1, 0.9, j * 150, 0, 100, 100));
      }
    }
    double[] s = bbox(dataset(List.of(1L), List.of(1), anns), dets);
    assertEquals(70.0 / 101, s[AP], TOL);
    assertEquals(0.7, s[AR100], TOL);
  }

  /*
   * A ground truth whose id is 0 can be matched but then reads as "unmatched" (the reference stores matched ids
   * with 0 for none): its exact detection is a false positive and it is never recalled -> AP 0, AR 0.
   */
  @Test
  void groundTruthIdZeroQuirkIsKept() {
    CocoAnnotation zero = CocoAnnotation.box(0, 1, 1, new Box(0, 0, 100, 100), 10000, false);
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(zero));
    double[] s = bbox(gt, List.of(det(1, 1, 0.9, 0, 0, 100, 100)));
    assertEquals(0, s[AP], TOL);
    assertEquals(0, s[AR100], TOL);
  }

  /*
   * Mask IoU (image 20 x 20). G = polygon rectangle (0,0)-(10,10): 100 pixels (area field 100).
   * Crowd C = columns 12-19, all rows, as an uncompressed RLE: 240 zeros then 160 ones.
   * D1 (.9) = rows 0-7 of columns 0-7: 64 pixels inside G -> IoU 64/100 = 0.64: TP at .50, .55, .60 only.
   * D2 (.95) = rows 0-4 of columns 14-15 (10 pixels) inside C: crowd IoU 10/10 -> ignored.
   * AP = 3/10, AP50 = 1, AP75 = 0; recall 3/10, except AR1 = 0 (the best detection is D2, ignored).
   * Everything is small (areas 100, 64, 10).
   */
  @Test
  void maskIouWithCrowdRle() {
    CocoImage image = new CocoImage(1, 20, 20);
    CocoAnnotation g = new CocoAnnotation(1, 1, 1, new Box(0, 0, 10, 10), 100, false,
        new Segmentation.PolygonParts(List.of(new double[] {0, 0, 0, 10, 10, 10, 10, 0})), null, 0);
    CocoAnnotation c = new CocoAnnotation(2, 1, 1, new Box(12, 0, 8, 20), 160, true,
        new Segmentation.Mask(new Rle(20, 20, new int[] {240, 160})), null, 0);
    CocoGroundTruth gt = new CocoGroundTruth(List.of(image), List.of(new CocoCategory(1, "a")), List.of(g, c));
    boolean[] d1 = new boolean[400];
    boolean[] d2 = new boolean[400];
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 20; x++) {
        d1[y * 20 + x] = x < 8 && y < 8;
        d2[y * 20 + x] = x >= 14 && x <= 15 && y <= 4;
      }
    }
    List<CocoDetection> dets = List.of(
        CocoDetection.mask(1, 1, 0.9, Rle.encodeRowMajor(d1, 20, 20)),
        CocoDetection.mask(1, 1, 0.95, Rle.encodeRowMajor(d2, 20, 20)));
    assertEquals(64, dets.get(0).area(), 0);
    double[] s = CocoEval.evaluate(gt, dets, IouType.SEGM).stats();
    assertArrayEquals(new double[] {0.3, 1, 0, 0.3, -1, -1, 0, 0.3, 0.3, 0.3, -1, -1}, s, TOL);
  }

  /*
   * Keypoints (COCO's 17, sigmas /10 of [.26, .25, ...]). Person P: box [100,100,100,100], area 10000 (large),
   * only the nose labelled (v = 2) at (150, 120). A detection with the nose 4 px off (and other keypoints
   * anywhere): e = 4² / (2 * 0.026)² / (10000 + eps) / 2 = 16 / 0.002704 / 20000 = 0.29586 -> OKS = exp(-e) =
   * 0.7439: a match at .50 ... .70 (5 thresholds), not from .75 -> AP = 5/10, AP50 = 1, AP75 = 0, AR = 0.5.
   * Person Q (num_keypoints 0, box [300,300,50,50]) is ignored; a detection (.95) with all keypoints inside its
   * box has OKS 1 (the distance to the box enlarged by its size is 0) and is ignored with it — were it a false
   * positive ahead of the TP, AP would halve. Medium has no non-ignored ground truth -> -1.
   */
  @Test
  void keypointsByOks() {
    double[] p = new double[51];
    p[0] = 150;
    p[1] = 120;
    p[2] = 2;
    double[] q = new double[51];
    CocoAnnotation person = new CocoAnnotation(1, 1, 1, new Box(100, 100, 100, 100), 10000, false, null,
        new Keypoints(p), 1);
    CocoAnnotation unlabelled = new CocoAnnotation(2, 1, 1, new Box(300, 300, 50, 50), 2500, false, null,
        new Keypoints(q), 0);
    CocoGroundTruth gt = new CocoGroundTruth(List.of(new CocoImage(1, 640, 480)),
        List.of(new CocoCategory(1, "person")), List.of(person, unlabelled));
    double[] d = new double[51];
    double[] inQ = new double[51];
    for (int j = 0; j < 17; j++) {
      d[3 * j] = 110 + j;
      d[3 * j + 1] = 190;
      d[3 * j + 2] = 1;
      inQ[3 * j] = 310 + j;
      inQ[3 * j + 1] = 320;
      inQ[3 * j + 2] = 1;
    }
    d[0] = 154;
    d[1] = 120;
    List<CocoDetection> dets = List.of(
        CocoDetection.keypoints(1, 1, 0.9, new Keypoints(d)),
        CocoDetection.keypoints(1, 1, 0.95, new Keypoints(inQ)));
    CocoEvalResult r = CocoEval.evaluate(gt, dets, IouType.KEYPOINTS);
    assertEquals(CocoEvalResult.KEYPOINT_STATS, r.statNames());
    assertArrayEquals(new double[] {0.5, 1, 0, -1, 0.5, 0.5, 1, 0, -1, 0.5}, r.stats(), TOL);
    assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 0.500",
        r.summaryLines().get(0));
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Random random = new Random(3);
    List<CocoImage> images = new ArrayList<>();
    List<CocoAnnotation> anns = new ArrayList<>();
    List<CocoDetection> dets = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      images.add(new CocoImage(i, 200, 200));
      for (int g = 0; g < random.nextInt(6); g++) {
        double x = random.nextDouble() * 150;
        double y = random.nextDouble() * 150;
        double w = 5 + random.nextDouble() * 50;
        double h = 5 + random.nextDouble() * 50;
        int cat = 1 + random.nextInt(3);
        anns.add(CocoAnnotation.box(nextAnnotationId++, i, cat, new Box(x, y, w, h), w * h, random.nextInt(10) == 0));
        for (int d = 0; d < 3; d++) {
          dets.add(det(i, cat, Math.round(random.nextDouble() * 10) / 10.0, x + random.nextGaussian() * 5,
              y + random.nextGaussian() * 5, w, h));
        }
      }
    }
    CocoGroundTruth gt = new CocoGroundTruth(images,
        List.of(new CocoCategory(1, "a"), new CocoCategory(2, "b"), new CocoCategory(3, "c")), anns);
    double[] one = new CocoEval(gt, CocoParams.of(IouType.BBOX), 1).run(dets).stats();
    double[] two = new CocoEval(gt, CocoParams.of(IouType.BBOX), 2).run(dets).stats();
    assertArrayEquals(one, two, 0);
    assertTrue(one[AP] > 0 && one[AP] < 1);
  }

  @Test
  void rejectsDetectionsOfUnknownImagesOrCategories() {
    CocoGroundTruth gt = dataset(List.of(1L), List.of(1), List.of(gt(1, 1, 0, 0, 10, 10, 100, false)));
    IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
        () -> bbox(gt, List.of(det(1, 1, 0.5, 0, 0, 1, 1), det(9, 1, 0.5, 0, 0, 1, 1))));
    assertTrue(image.getMessage().contains("detections[1]: image_id 9"), image.getMessage());
    IllegalArgumentException category = assertThrows(IllegalArgumentException.class,
        () -> bbox(gt, List.of(det(1, 5, 0.5, 0, 0, 1, 1))));
    assertTrue(category.getMessage().contains("category_id 5"), category.getMessage());
  }

  /* np.linspace(.5, .95, 10) and np.linspace(0, 1, 101), element by element as numpy computes them. */
  @Test
  void thresholdsAreNumpyLinspace() {
    double[] iou = CocoParams.of(IouType.BBOX).iouThresholds();
    assertEquals(0.5, iou[0], 0);
    assertEquals(0.75, iou[5], 0);
    assertEquals(0.8999999999999999, iou[8], 0);
    assertEquals(0.95, iou[9], 0);
    double[] rec = CocoParams.of(IouType.BBOX).recallThresholds();
    assertEquals(0.7000000000000001, rec[70], 0);
    assertEquals(0.35000000000000003, rec[35], 0);
    assertEquals(1.0, rec[100], 0);
  }
}
