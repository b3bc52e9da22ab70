package dev.rethink.runtime.eval.voc;

import dev.rethink.dsl.eval.VocMetric;
import dev.rethink.runtime.eval.Evaluator;
import dev.rethink.runtime.eval.NumpyMath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PASCAL VOC detection AP per class and their mean, as the reference {@code voc_eval.py} (py-faster-rcnn's, in
 * Detectron's version, which guards the precision denominator with eps).
 *
 * <p>Per class, detections are ranked by descending confidence; each takes the ground truth of its image and class
 * with the highest IoU (first one on ties), computed on inclusive pixel boxes ({@code +1} on widths and heights).
 * If that IoU exceeds 0.5 (strictly), the detection is a true positive when the object is new, a false positive
 * when it was already taken, and neither when the object is difficult; otherwise it is a false positive.
 * Difficult objects do not count as positives. Recall = tp / positives, precision = tp / max(tp + fp, eps).
 * AP is then {@link VocMetric#AREA} (area under the monotone precision envelope, VOC2010+) or
 * {@link VocMetric#ELEVEN_POINT} (VOC2007: mean of the best precision at recall &gt;= 0, 0.1, ..., 1, the
 * thresholds being {@code np.arange(0, 1.1, 0.1)}, i.e. {@code i * 0.1}).
 *
 * <p>Two choices where the reference is undefined: detections of equal confidence keep their input order (the
 * reference's default quicksort leaves it unspecified), and a class without non-difficult ground truth gets NaN
 * and is left out of the mean (the reference divides by zero).
 */
public final class VocEvaluator implements Evaluator<List<VocDetection>> {
  /** The VOC overlap criterion: IoU strictly above one half. */
  public static final double IOU_THRESHOLD = 0.5;
  /** {@code np.finfo(np.float64).eps}: guards the precision of a first detection on a difficult object. */
  private static final double EPS = Math.ulp(1.0);

  private final List<String> classNames;
  private final Set<String> imageIds;
  private final List<VocObject> objects;
  private final VocMetric metric;
  private final List<VocDetection> detections = new ArrayList<>();

  /**
   * @param classNames the classes, indexed by {@link VocObject#classIndex()}
   * @param imageIds every image of the evaluated set (also those without objects)
   * @param objects the ground truth
   */
  public VocEvaluator(List<String> classNames, List<String> imageIds, List<VocObject> objects, VocMetric metric) {
    this.classNames = List.copyOf(classNames);
    this.imageIds = new HashSet<>(imageIds);
    this.objects = List.copyOf(objects);
    this.metric = metric;
    for (int i = 0; i < this.objects.size(); i++) {
      VocObject o = this.objects.get(i);
      checkClass(o.classIndex(), "objects[" + i + "]");
      if (!this.imageIds.contains(o.imageId())) {
        throw new IllegalArgumentException("objects[" + i + "]: image '" + o.imageId() + "' is not in the image set");
      }
    }
  }

  private void checkClass(int classIndex, String where) {
    if (classIndex < 0 || classIndex >= classNames.size()) {
      throw new IllegalArgumentException(where + ": class index " + classIndex + " not in [0, " + classNames.size()
          + ")");
    }
  }

  @Override
  public void add(List<VocDetection> batch) {
    for (VocDetection d : batch) {
      String where = "detection " + detections.size() + " (image '" + d.imageId() + "')";
      checkClass(d.classIndex(), where);
      if (!imageIds.contains(d.imageId())) {
        throw new IllegalArgumentException(where + ": image is not in the image set");
      }
      detections.add(d);
    }
  }

  /** {@code mAP}, then {@code AP/<class>} for each class. */
  @Override
  public Map<String, Double> summarize() {
    return evaluate().toMap();
  }

  /** AP of every class and their mean. */
  public VocResult evaluate() {
    int c = classNames.size();
    double[] ap = new double[c];
    double sum = 0;
    int counted = 0;
    for (int k = 0; k < c; k++) {
      ap[k] = classAp(k);
      if (!Double.isNaN(ap[k])) {
        sum += ap[k];
        counted++;
      }
    }
    return new VocResult(classNames, ap, counted == 0 ? Double.NaN : sum / counted);
  }

  private double classAp(int k) {
    Map<String, List<VocObject>> byImage = new HashMap<>();
    int npos = 0;
    for (VocObject o : objects) {
      if (o.classIndex() == k) {
        byImage.computeIfAbsent(o.imageId(), id -> new ArrayList<>()).add(o);
        if (!o.difficult()) {
          npos++;
        }
      }
    }
    if (npos == 0) {
      return Double.NaN;
    }
    Map<String, boolean[]> taken = new HashMap<>();
    byImage.forEach((id, list) -> taken.put(id, new boolean[list.size()]));
    List<VocDetection> dets = new ArrayList<>();
    for (VocDetection d : detections) {
      if (d.classIndex() == k) {
        dets.add(d);
      }
    }
    double[] scores = new double[dets.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = dets.get(i).score();
    }
    int[] order = NumpyMath.argsortDescendingStable(scores, scores.length);
    int nd = order.length;
    double[] tp = new double[nd];
    double[] fp = new double[nd];
    for (int d = 0; d < nd; d++) {
      VocDetection det = dets.get(order[d]);
      List<VocObject> gts = byImage.getOrDefault(det.imageId(), List.of());
      double ovmax = Double.NEGATIVE_INFINITY;
      int jmax = -1;
      VocBox bb = det.box();
      for (int j = 0; j < gts.size(); j++) {
        VocBox g = gts.get(j).box();
        double ixmin = Math.max(g.xmin(), bb.xmin());
        double iymin = Math.max(g.ymin(), bb.ymin());
        double ixmax = Math.min(g.xmax(), bb.xmax());
        double iymax = Math.min(g.ymax(), bb.ymax());
        double iw = Math.max(ixmax - ixmin + 1., 0.);
        double ih = Math.max(iymax - iymin + 1., 0.);
        double inters = iw * ih;
        double uni = (bb.xmax() - bb.xmin() + 1.) * (bb.ymax() - bb.ymin() + 1.)
            + (g.xmax() - g.xmin() + 1.) * (g.ymax() - g.ymin() + 1.) - inters;
        double overlap = inters / uni;
        if (overlap > ovmax) {
          ovmax = overlap;
          jmax = j;
        }
      }
      if (ovmax > IOU_THRESHOLD) {
        if (!gts.get(jmax).difficult()) {
          boolean[] t = taken.get(det.imageId());
          if (!t[jmax]) {
            tp[d] = 1;
            t[jmax] = true;
          } else {
            fp[d] = 1;
          }
        }
      } else {
        fp[d] = 1;
      }
    }
    double[] rec = new double[nd];
    double[] prec = new double[nd];
    double ctp = 0;
    double cfp = 0;
    for (int d = 0; d < nd; d++) {
      ctp += tp[d];
      cfp += fp[d];
      rec[d] = ctp / npos;
      prec[d] = ctp / Math.max(ctp + cfp, EPS);
    }
    return metric == VocMetric.ELEVEN_POINT ? elevenPoint(rec, prec) : area(rec, prec);
  }

  /** {@code voc_ap(use_07_metric=True)}. */
  static double elevenPoint(double[] rec, double[] prec) {
    double ap = 0.;
    for (int i = 0; i <= 10; i++) {
      double t = i * 0.1;
      double p = 0;
      boolean any = false;
      for (int j = 0; j < rec.length; j++) {
        if (rec[j] >= t) {
          p = any ? Math.max(p, prec[j]) : prec[j];
          any = true;
        }
      }
      ap = ap + p / 11.;
    }
    return ap;
  }

  /** {@code voc_ap(use_07_metric=False)}: the sum over recall steps of step width times envelope precision. */
  static double area(double[] rec, double[] prec) {
    int n = rec.length;
    double[] mrec = new double[n + 2];
    double[] mpre = new double[n + 2];
    System.arraycopy(rec, 0, mrec, 1, n);
    System.arraycopy(prec, 0, mpre, 1, n);
    mrec[n + 1] = 1.;
    for (int i = mpre.length - 1; i > 0; i--) {
      mpre[i - 1] = Math.max(mpre[i - 1], mpre[i]);
    }
    double[] terms = new double[n + 1];
    int m = 0;
    for (int i = 0; i < n + 1; i++) {
      if (mrec[i + 1] != mrec[i]) {
        terms[m++] = (mrec[i + 1] - mrec[i]) * mpre[i + 1];
      }
    }
    return NumpyMath.pairwiseSum(terms, 0, m);
  }

  @Override
  public void reset() {
    detections.clear();
  }
}
