package dev.rethink.runtime.mask;

import java.util.List;

/**
 * Intersection over union of detections against ground truth, for masks ({@code rleIou}) and boxes
 * ({@code bbIou}), with the crowd rule of COCO: against a ground truth marked {@code iscrowd}, the "union" is the
 * detection's own area, so a detection lying inside a crowd region scores 1 however large the region is.
 *
 * <p>Results are indexed {@code [detection][groundTruth]}, as pycocotools' {@code maskUtils.iou(dt, gt, iscrowd)}.
 * Boxes are {@code [x, y, w, h]}; non-overlapping pairs (and pairs touching along an edge) get 0.
 */
public final class MaskIou {
  private MaskIou() {}

  /** IoU of every detection box with every ground-truth box. */
  public static double[][] boxes(List<double[]> detections, List<double[]> groundTruth, boolean[] crowd) {
    checkCrowd(groundTruth.size(), crowd);
    double[][] o = new double[detections.size()][groundTruth.size()];
    for (int g = 0; g < groundTruth.size(); g++) {
      double[] gb = groundTruth.get(g);
      for (int d = 0; d < detections.size(); d++) {
        o[d][g] = box(detections.get(d), gb, crowd[g]);
      }
    }
    return o;
  }

  /** IoU of one detection box with one ground-truth box; {@code crowd}: divide by the detection's area. */
  public static double box(double[] dt, double[] gt, boolean crowd) {
    double ga = gt[2] * gt[3];
    double da = dt[2] * dt[3];
    double w = Math.min(dt[2] + dt[0], gt[2] + gt[0]) - Math.max(dt[0], gt[0]);
    if (w <= 0) {
      return 0;
    }
    double h = Math.min(dt[3] + dt[1], gt[3] + gt[1]) - Math.max(dt[1], gt[1]);
    if (h <= 0) {
      return 0;
    }
    double i = w * h;
    double u = crowd ? da : da + ga - i;
    return i / u;
  }

  /** IoU of every detection mask with every ground-truth mask. */
  public static double[][] masks(List<Rle> detections, List<Rle> groundTruth, boolean[] crowd) {
    checkCrowd(groundTruth.size(), crowd);
    double[][] dtBoxes = new double[detections.size()][];
    for (int d = 0; d < dtBoxes.length; d++) {
      dtBoxes[d] = detections.get(d).toBbox();
    }
    double[][] o = new double[detections.size()][groundTruth.size()];
    for (int g = 0; g < groundTruth.size(); g++) {
      Rle gt = groundTruth.get(g);
      double[] gtBox = gt.toBbox();
      for (int d = 0; d < dtBoxes.length; d++) {
        // The box test only skips pairs that cannot overlap, as in the reference.
        if (box(dtBoxes[d], gtBox, crowd[g]) > 0) {
          o[d][g] = mask(detections.get(d), gt, crowd[g]);
        }
      }
    }
    return o;
  }

  /**
   * IoU of one detection mask with one ground-truth mask; {@code crowd}: divide by the detection's area. Masks of
   * different sizes get -1, as in the reference.
   */
  public static double mask(Rle dt, Rle gt, boolean crowd) {
    if (dt.height() != gt.height() || dt.width() != gt.width()) {
      return -1;
    }
    int[] a = dt.runs();
    int[] b = gt.runs();
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    long ca = a[0];
    long cb = b[0];
    int ka = a.length;
    int kb = b.length;
    boolean va = false;
    boolean vb = false;
    int ia = 1;
    int ib = 1;
    long inter = 0;
    long union = 0;
    long ct = 1;
    while (ct > 0) {
      long c = Math.min(ca, cb);
      if (va || vb) {
        union += c;
        if (va && vb) {
          inter += c;
        }
      }
      ct = 0;
      ca -= c;
      if (ca == 0 && ia < ka) {
        ca = a[ia++];
        va = !va;
      }
      ct += ca;
      cb -= c;
      if (cb == 0 && ib < kb) {
        cb = b[ib++];
        vb = !vb;
      }
      ct += cb;
    }
    if (inter == 0) {
      union = 1;
    } else if (crowd) {
      union = dt.area();
    }
    return (double) inter / (double) union;
  }

  private static void checkCrowd(int groundTruth, boolean[] crowd) {
    if (crowd.length != groundTruth) {
      throw new IllegalArgumentException("iscrowd has " + crowd.length + " flags for " + groundTruth
          + " ground-truth objects");
    }
  }
}
