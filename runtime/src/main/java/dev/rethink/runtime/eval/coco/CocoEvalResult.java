package dev.rethink.runtime.eval.coco;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.eval.NumpyMath;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accumulated COCO results: the precision array {@code [T][R][K][A][M]} and recall array {@code [T][K][A][M]} of
 * COCOeval's {@code accumulate} (-1 where a category has no ground truth), and the summary numbers of
 * {@code summarize} with their printed layout.
 */
public final class CocoEvalResult {
  /** Names of the 12 detection numbers (box and mask), in COCOeval's {@code stats} order. */
  public static final List<String> DETECTION_STATS =
      List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl");
  /** Names of the 10 keypoint numbers, in COCOeval's {@code stats} order. */
  public static final List<String> KEYPOINT_STATS =
      List.of("AP", "AP50", "AP75", "APm", "APl", "AR", "AR50", "AR75", "ARm", "ARl");

  private final CocoParams params;
  private final List<CocoCategory> categories;
  private final double[] precision;
  private final double[] recall;
  private final double[] stats;
  private final List<String> lines = new ArrayList<>();

  CocoEvalResult(CocoParams params, List<CocoCategory> categories, double[] precision, double[] recall) {
    this.params = params;
    this.categories = categories;
    this.precision = precision;
    this.recall = recall;
    this.stats = params.iouType() == IouType.KEYPOINTS ? summarizeKeypoints() : summarizeDetections();
  }

  private double[] summarizeDetections() {
    int[] md = params.maxDets();
    return new double[] {
        summarize(true, null, "all", md[2]),
        summarize(true, .5, "all", md[2]),
        summarize(true, .75, "all", md[2]),
        summarize(true, null, "small", md[2]),
        summarize(true, null, "medium", md[2]),
        summarize(true, null, "large", md[2]),
        summarize(false, null, "all", md[0]),
        summarize(false, null, "all", md[1]),
        summarize(false, null, "all", md[2]),
        summarize(false, null, "small", md[2]),
        summarize(false, null, "medium", md[2]),
        summarize(false, null, "large", md[2])};
  }

  private double[] summarizeKeypoints() {
    return new double[] {
        summarize(true, null, "all", 20),
        summarize(true, .5, "all", 20),
        summarize(true, .75, "all", 20),
        summarize(true, null, "medium", 20),
        summarize(true, null, "large", 20),
        summarize(false, null, "all", 20),
        summarize(false, .5, "all", 20),
        summarize(false, .75, "all", 20),
        summarize(false, null, "medium", 20),
        summarize(false, null, "large", 20)};
  }

  /**
   * {@code _summarize}: the mean of the entries above -1 of the precision (or recall) array restricted to the IoU
   * threshold (all if null), area label and maxDets, taken in the array's C order; -1 if there is none.
   */
  private double summarize(boolean ap, Double iouThr, String areaLabel, int maxDets) {
    int tCount = params.t();
    int rCount = params.r();
    int kCount = categories.size();
    int aCount = params.a();
    int mCount = params.m();
    List<Integer> ts = new ArrayList<>();
    for (int t = 0; t < tCount; t++) {
      if (iouThr == null || iouThr == params.iouThreshold(t)) {
        ts.add(t);
      }
    }
    List<Integer> as = new ArrayList<>();
    for (int a = 0; a < aCount; a++) {
      if (params.areaLabels().get(a).equals(areaLabel)) {
        as.add(a);
      }
    }
    List<Integer> ms = new ArrayList<>();
    for (int m = 0; m < mCount; m++) {
      if (params.maxDet(m) == maxDets) {
        ms.add(m);
      }
    }
    // numpy pairs the two index lists element-wise; both have at most one entry with the default parameters.
    int pairs = Math.min(as.size(), ms.size());
    double[] values = new double[ts.size() * (ap ? rCount : 1) * kCount * pairs];
    int n = 0;
    for (int t : ts) {
      for (int r = 0; r < (ap ? rCount : 1); r++) {
        for (int k = 0; k < kCount; k++) {
          for (int p = 0; p < pairs; p++) {
            int a = as.get(p);
            int m = ms.get(p);
            double v = ap
                ? precision[(((t * rCount + r) * kCount + k) * aCount + a) * mCount + m]
                : recall[((t * kCount + k) * aCount + a) * mCount + m];
            if (v > -1) {
              values[n++] = v;
            }
          }
        }
      }
    }
    double mean = n == 0 ? -1 : NumpyMath.mean(values, n);
    lines.add(line(ap, iouThr, areaLabel, maxDets, mean));
    return mean;
  }

  private String line(boolean ap, Double iouThr, String areaLabel, int maxDets, double value) {
    String title = ap ? "Average Precision" : "Average Recall";
    String type = ap ? "(AP)" : "(AR)";
    double[] thresholds = params.iouThresholds();
    String iou = iouThr == null
        ? fixed(thresholds[0], 2) + ":" + fixed(thresholds[thresholds.length - 1], 2)
        : fixed(iouThr, 2);
    return String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s", title, type, iou, areaLabel,
        maxDets, fixed(value, 3));
  }

  /** Python's {@code '{:0.Nf}'}: the exact binary value rounded half to even. */
  static String fixed(double value, int digits) {
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** The IoU type evaluated. */
  public IouType iouType() {
    return params.iouType();
  }

  /** COCOeval's {@code stats}: 12 numbers (10 for keypoints), in {@link #statNames()} order. */
  public double[] stats() {
    return stats.clone();
  }

  /** {@link #DETECTION_STATS} or {@link #KEYPOINT_STATS}. */
  public List<String> statNames() {
    return params.iouType() == IouType.KEYPOINTS ? KEYPOINT_STATS : DETECTION_STATS;
  }

  /** The stats by name (AP, AP50, ...), in order. */
  public Map<String, Double> statsByName() {
    Map<String, Double> map = new LinkedHashMap<>();
    List<String> names = statNames();
    for (int i = 0; i < stats.length; i++) {
      map.put(names.get(i), stats[i]);
    }
    return map;
  }

  /** The summary as COCOeval prints it, one line per number. */
  public List<String> summaryLines() {
    return List.copyOf(lines);
  }

  /** {@code precision[t, r, k, a, m]}; k is the contiguous category index. */
  public double precision(int t, int r, int k, int a, int m) {
    return precision[(((t * params.r() + r) * categories.size() + k) * params.a() + a) * params.m() + m];
  }

  /** {@code recall[t, k, a, m]}. */
  public double recall(int t, int k, int a, int m) {
    return recall[((t * categories.size() + k) * params.a() + a) * params.m() + m];
  }

  /**
   * The AP of one category (IoU .50:.95, all areas, the largest maxDets): the mean of its precision entries, -1
   * when it has no ground truth — the per-category number Detectron-style reports print.
   */
  public double categoryAp(int k) {
    int m = params.m() - 1;
    double[] values = new double[params.t() * params.r()];
    int n = 0;
    for (int t = 0; t < params.t(); t++) {
      for (int r = 0; r < params.r(); r++) {
        double v = precision(t, r, k, 0, m);
        if (v > -1) {
          values[n++] = v;
        }
      }
    }
    return n == 0 ? -1 : NumpyMath.mean(values, n);
  }

  /** The categories, in contiguous index order. */
  public List<CocoCategory> categories() {
    return categories;
  }
}
