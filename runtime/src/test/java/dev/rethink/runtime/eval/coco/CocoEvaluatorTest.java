package dev.rethink.runtime.eval.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.mask.Rle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CocoEvaluatorTest {

  /*
   * A Mask R-CNN output carries a box and a mask. Ground truth: rectangle (0,0)-(10,10) on a 20 x 20 image (box
   * [0,0,10,10], area 100, polygon mask of 100 pixels). The detection's box is exact (bbox AP 1); its mask is the
   * 8 x 8 corner, IoU 0.64, a match at .50/.55/.60 only: segm AP 3/10. Fed in two batches; the second batch is a
   * detection of category index 1 (id 7), which has no ground truth and is left out.
   */
  @Test
  void evaluatesEachTypeFromOneDetectionList() {
    CocoAnnotation g = new CocoAnnotation(1, 1, 5, new Box(0, 0, 10, 10), 100, false,
        new Segmentation.PolygonParts(List.of(new double[] {0, 0, 0, 10, 10, 10, 10, 0})), null, 0);
    CocoGroundTruth gt = new CocoGroundTruth(List.of(new CocoImage(1, 20, 20)),
        List.of(new CocoCategory(7, "b"), new CocoCategory(5, "a")), List.of(g));
    boolean[] m = new boolean[400];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        m[y * 20 + x] = true;
      }
    }
    Rle mask = Rle.encodeRowMajor(m, 20, 20);
    CocoDetection both = new CocoDetection(1, gt.categoryId(0), 0.9, new Box(0, 0, 10, 10),
        new Segmentation.Mask(mask), null, 100);
    CocoEvaluator evaluator = new CocoEvaluator(gt, List.of(IouType.BBOX, IouType.SEGM), 2);
    evaluator.add(List.of(both));
    evaluator.add(List.of(new CocoDetection(1, gt.categoryId(1), 0.3, new Box(0, 0, 1, 1),
        new Segmentation.Mask(Rle.empty(20, 20)), null, 1)));
    Map<String, Double> s = evaluator.summarize();
    assertEquals(24, s.size());
    assertEquals(List.of("bbox/AP", "bbox/AP50", "bbox/AP75"), new ArrayList<>(s.keySet()).subList(0, 3));
    assertEquals(1, s.get("bbox/AP"), 1e-12);
    assertEquals(0.3, s.get("segm/AP"), 1e-12);
    assertEquals(1, s.get("segm/AP50"), 1e-12);
    assertEquals(0, s.get("segm/AP75"), 1e-12);
    // The segm view uses the mask's area (64, small) and box, not the detection's.
    assertEquals(64, evaluator.view(IouType.SEGM).get(0).area(), 0);
    assertEquals(new Box(0, 0, 8, 8), evaluator.view(IouType.SEGM).get(0).bbox());
    evaluator.reset();
    assertNull(evaluator.result(IouType.BBOX));
  }
}
