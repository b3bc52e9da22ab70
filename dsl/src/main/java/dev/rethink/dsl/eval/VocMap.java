package dev.rethink.dsl.eval;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * PASCAL VOC mean average precision at IoU 0.5, objects marked difficult ignored, with per-class AP in the report.
 * The paper evaluates on VOC 2012 val, for which the reference {@code voc_eval.py} (as used by Detectron) applies
 * {@link VocMetric#AREA}; {@link VocMetric#ELEVEN_POINT} is for VOC 2007 test.
 */
public record VocMap(VocMetric metric) implements MetricSpec {
  public VocMap {
    if (SpecParts.checkNow()) {
      require(metric != null, "metric", "is required (hint: VocMetric.AREA for VOC2010+, ELEVEN_POINT for VOC2007)");
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.vocMap(this);
  }
}
