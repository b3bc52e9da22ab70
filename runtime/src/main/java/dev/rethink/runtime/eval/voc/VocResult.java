package dev.rethink.runtime.eval.voc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-class AP (NaN for a class without non-difficult ground truth) and their mean over the classes that have
 * some. {@link #toMap()} gives {@code mAP} then {@code AP/<class>} for the report.
 */
public record VocResult(List<String> classNames, double[] classAp, double meanAp) {
  public VocResult {
    classNames = List.copyOf(classNames);
    classAp = classAp.clone();
  }

  @Override
  public double[] classAp() {
    return classAp.clone();
  }

  /** The AP of one class. */
  public double ap(String className) {
    int i = classNames.indexOf(className);
    if (i < 0) {
      throw new IllegalArgumentException("no class '" + className + "' among " + classNames);
    }
    return classAp[i];
  }

  public Map<String, Double> toMap() {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("mAP", meanAp);
    for (int i = 0; i < classNames.size(); i++) {
      out.put("AP/" + classNames.get(i), classAp[i]);
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VocResult r && r.classNames.equals(classNames)
        && java.util.Arrays.equals(r.classAp, classAp) && Double.compare(r.meanAp, meanAp) == 0;
  }

  @Override
  public int hashCode() {
    return classNames.hashCode() * 31 + java.util.Arrays.hashCode(classAp);
  }

  @Override
  public String toString() {
    return "VocResult" + toMap();
  }
}
