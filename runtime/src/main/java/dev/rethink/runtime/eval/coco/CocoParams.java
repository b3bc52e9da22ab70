package dev.rethink.runtime.eval.coco;

import dev.rethink.dsl.eval.IouType;
import java.util.List;

/**
 * The evaluation parameters of pycocotools' COCOeval ({@code Params}) for one IoU type, with its default values.
 * The thresholds are computed the way {@code np.linspace} computes them ({@code start + i * step}, last one set to
 * {@code stop}), since recall and IoU comparisons depend on their exact binary values (e.g. the 70th recall
 * threshold is 0.7000000000000001, so a recall of exactly 7/10 does not reach it).
 */
public final class CocoParams {
  /** IoU thresholds .50:.05:.95 ({@code np.linspace(.5, 0.95, 10)}). */
  private static final double[] IOU_THRESHOLDS = linspace(.5, .95, 10);
  /** Recall thresholds 0:.01:1 ({@code np.linspace(0, 1, 101)}). */
  private static final double[] RECALL_THRESHOLDS = linspace(0, 1, 101);
  /** Area bound of "all" and "large": {@code 1e5 ** 2}. */
  private static final double MAX_AREA = 1e10;
  /** Small objects: area below 32²; large: above 96² (COCO detection evaluation). */
  private static final double SMALL = 32 * 32;
  private static final double LARGE = 96 * 96;
  /**
   * Per-keypoint standard deviations of COCO's 17 person keypoints (nose, eyes, ears, shoulders, elbows, wrists,
   * hips, knees, ankles), as {@code kpt_oks_sigmas} in COCOeval.
   */
  private static final double[] COCO_KEYPOINT_SIGMAS = {
      .26 / 10.0, .25 / 10.0, .25 / 10.0, .35 / 10.0, .35 / 10.0, .79 / 10.0, .79 / 10.0, .72 / 10.0, .72 / 10.0,
      .62 / 10.0, .62 / 10.0, 1.07 / 10.0, 1.07 / 10.0, .87 / 10.0, .87 / 10.0, .89 / 10.0, .89 / 10.0};

  private final IouType iouType;
  private final int[] maxDets;
  private final double[][] areaRanges;
  private final List<String> areaLabels;

  private CocoParams(IouType iouType, int[] maxDets, double[][] areaRanges, List<String> areaLabels) {
    this.iouType = iouType;
    this.maxDets = maxDets;
    this.areaRanges = areaRanges;
    this.areaLabels = areaLabels;
  }

  /** COCOeval's defaults for the IoU type: maxDets 1/10/100 and four size ranges, or 20 and three for keypoints. */
  public static CocoParams of(IouType iouType) {
    if (iouType == IouType.KEYPOINTS) {
      return new CocoParams(iouType, new int[] {20},
          new double[][] {{0, MAX_AREA}, {SMALL, LARGE}, {LARGE, MAX_AREA}}, List.of("all", "medium", "large"));
    }
    return new CocoParams(iouType, new int[] {1, 10, 100},
        new double[][] {{0, MAX_AREA}, {0, SMALL}, {SMALL, LARGE}, {LARGE, MAX_AREA}},
        List.of("all", "small", "medium", "large"));
  }

  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }

  public IouType iouType() {
    return iouType;
  }

  /** T = 10 IoU (or OKS) thresholds. */
  public double[] iouThresholds() {
    return IOU_THRESHOLDS.clone();
  }

  /** R = 101 recall thresholds. */
  public double[] recallThresholds() {
    return RECALL_THRESHOLDS.clone();
  }

  /** M maximum numbers of detections per image, ascending. */
  public int[] maxDets() {
    return maxDets.clone();
  }

  /** A area ranges {@code [min, max]}, both ends included. */
  public double[][] areaRanges() {
    return deepCopy(areaRanges);
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** Labels of the area ranges ("all", "small", "medium", "large"). */
  public List<String> areaLabels() {
    return areaLabels;
  }

  /** The keypoint sigmas of COCO's person category. */
  public double[] keypointSigmas() {
    return COCO_KEYPOINT_SIGMAS.clone();
  }

  int t() {
    return IOU_THRESHOLDS.length;
  }

  int r() {
    return RECALL_THRESHOLDS.length;
  }

  int a() {
    return areaRanges.length;
  }

  int m() {
    return maxDets.length;
  }

  double iouThreshold(int t) {
    return IOU_THRESHOLDS[t];
  }

  double recallThreshold(int r) {
    return RECALL_THRESHOLDS[r];
  }

  int maxDet(int m) {
    return maxDets[m];
  }

  double areaMin(int a) {
    return areaRanges[a][0];
  }

  double areaMax(int a) {
    return areaRanges[a][1];
  }

  double sigma(int k) {
    return COCO_KEYPOINT_SIGMAS[k];
  }

  int keypointCount() {
    return COCO_KEYPOINT_SIGMAS.length;
  }
}
