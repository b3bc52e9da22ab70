package dev.rethink.graph.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * The quick GN Mask R-CNN with two towers on two virtual CPU devices, one image each: every loss term of the
 * single-device graph exists, is finite, and a step trains. (Not equal to one device over both images: each tower
 * samples anchors and RoIs with the step's seed over its own slice, and the box, mask terms are normalized by the
 * tower's RoIs, as Detectron2 per GPU; see the README's "Several GPUs and machines".)
 */
class DetectorTowersTest {
  @Test
  void twoTowersGiveEveryLossTermFiniteAndTrain() {
    Map<InputKey, Tensor> batch = TinyDetector.batch();
    try (Graph g = new Graph(); Session s = TowersTest.session(g, 2)) {
      VariantGraph vg = VariantGraph.build(g, TinyDetector.maskRcnn(), TowersTest.cpus(2, 1));
      s.run(vg.initializer());
      List<String> names = new ArrayList<>(vg.lossTerms().keySet());
      assertEquals(List.of("loss_rpn_cls", "loss_rpn_loc", "loss_cls", "loss_box_reg", "loss_mask",
          "weight_decay"), names);
      float[] first = new float[names.size()];
      float last = 0;
      for (int step = 0; step < 3; step++) {
        Session.Runner r = TinyDetector.feed(s, vg.trainInputs(), batch).addTarget(vg.trainOp()).fetch(vg.loss());
        names.forEach(n -> r.fetch(vg.lossTerms().get(n)));
        try (Result res = r.run()) {
          last = ((TFloat32) res.get(0)).getFloat();
          for (int i = 0; i < names.size(); i++) {
            float v = ((TFloat32) res.get(1 + i)).getFloat();
            assertTrue(Float.isFinite(v), names.get(i) + " = " + v);
            if (step == 0) {
              first[i] = v;
            }
          }
        }
      }
      assertTrue(Float.isFinite(last), "loss " + last);
      float total = 0;
      for (float v : first) {
        total += v;
      }
      assertTrue(last != total, "the weights change: loss " + total + " then " + last);
    } finally {
      batch.values().forEach(Tensor::close);
    }
  }
}
