package dev.rethink.dsl.eval;

/** How PASCAL VOC average precision integrates the precision/recall curve. */
public enum VocMetric {
  /**
   * Area under the interpolated (monotone) precision/recall curve, summed over the points where recall changes:
   * the VOC2010+ devkit metric ({@code use_07_metric=False} in the reference {@code voc_eval.py}).
   */
  AREA,
  /** Mean of the interpolated precision at recall 0, 0.1, ..., 1: the VOC2007 devkit metric. */
  ELEVEN_POINT
}
