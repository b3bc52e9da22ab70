package dev.rethink.runtime.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the report shows metrics: which of a run's metrics get a column, under what heading, in what unit. The
 * metrics files keep every number (COCO's twelve per IoU type, VOC's per-class AP); the table shows the paper's:
 * box / mask / keypoint AP, AP50 and AP75 in percent (COCO writes fractions), VOC mAP in percent, and
 * classification accuracies (already in percent).
 */
public final class MetricColumns {
  /** COCO statistics that get a column, in this order: the paper's Table 2 columns. */
  static final List<String> COCO_STATS = List.of("AP", "AP50", "AP75");
  /** Column prefix of each COCO IoU type, as the paper names them. */
  private static final Map<String, String> COCO_TYPES = Map.of("bbox", "box", "segm", "mask", "keypoints", "kp");
  /** The VOC evaluator's mean AP. */
  static final String VOC_MAP = "mAP";

  private MetricColumns() {}

  /** The metrics of {@code names} (first-seen order) that get a column: COCO types in bbox, segm, keypoints order. */
  static List<String> shown(Collection<String> names) {
    Set<String> all = new LinkedHashSet<>(names);
    List<String> out = new ArrayList<>();
    for (String name : all) {
      if (!isCoco(name) && !name.startsWith("AP/")) {
        out.add(name);
      }
    }
    for (String type : List.of("bbox", "segm", "keypoints")) {
      for (String stat : COCO_STATS) {
        if (all.contains(type + "/" + stat)) {
          out.add(type + "/" + stat);
        }
      }
    }
    return out;
  }

  /**
   * The metric plotted against iterations: keypoint AP if any variant has it (a keypoint study's result, paper
   * §5), else box AP (the detection studies' result, paper Table 1), else mask or VOC AP, else the first one seen;
   * null when there is none.
   */
  static String headline(Collection<String> names) {
    for (String preferred : List.of("keypoints/AP", "bbox/AP", "segm/AP", VOC_MAP)) {
      if (names.contains(preferred)) {
        return preferred;
      }
    }
    return names.isEmpty() ? null : names.iterator().next();
  }

  /** The column heading: {@code box AP}, {@code mask AP75}, {@code VOC mAP}, or the name itself. */
  static String heading(String name) {
    if (isCoco(name)) {
      int slash = name.indexOf('/');
      return COCO_TYPES.get(name.substring(0, slash)) + " " + name.substring(slash + 1);
    }
    return name.equals(VOC_MAP) ? "VOC mAP" : name;
  }

  /** The value in the unit shown: AP in percent (COCO and VOC write fractions), accuracies as they are. */
  static double display(String name, double value) {
    return percentOfFraction(name) && value >= 0 ? 100 * value : value;
  }

  /** The value as a table cell: AP with one decimal as in the paper, accuracies with two. */
  static String cell(String name, double value) {
    return String.format(Locale.ROOT, percentOfFraction(name) ? "%.1f" : "%.2f", display(name, value));
  }

  /**
   * The shown metrics of one evaluation as a line, e.g. {@code box AP 18.2, box AP50 37.9, box AP75 15.8, mask AP
   * 11.6, ...} or {@code top1 71.25, top5 97.50}.
   */
  public static String summary(Map<String, Double> metrics) {
    List<String> parts = new ArrayList<>();
    for (String name : shown(metrics.keySet())) {
      parts.add(heading(name) + " " + cell(name, metrics.get(name)));
    }
    return String.join(", ", parts);
  }

  /** True for AP-style metrics stored as fractions. */
  static boolean percentOfFraction(String name) {
    return isCoco(name) || name.equals(VOC_MAP) || name.startsWith("AP/");
  }

  private static boolean isCoco(String name) {
    int slash = name.indexOf('/');
    return slash > 0 && COCO_TYPES.containsKey(name.substring(0, slash));
  }
}
