package dev.rethink.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The curve's headline metric is each study's result as the paper reports it. */
class MetricColumnsTest {

  @Test
  void headlineIsTheTasksPaperMetric() {
    // Mask R-CNN: box AP (paper Table 1), whatever the order the metrics were logged in.
    assertEquals("bbox/AP", MetricColumns.headline(List.of("segm/AP", "segm/AP50", "bbox/AP", "bbox/AP50")));
    // Keypoint R-CNN: keypoint AP (paper §5, "65.6 scratch vs 65.5 pre-trained"), not its box AP.
    assertEquals("keypoints/AP", MetricColumns.headline(List.of("bbox/AP", "bbox/AP50", "keypoints/AP")));
    assertEquals("top1", MetricColumns.headline(List.of("top1", "top5")));
    assertNull(MetricColumns.headline(List.of()));
  }
}
