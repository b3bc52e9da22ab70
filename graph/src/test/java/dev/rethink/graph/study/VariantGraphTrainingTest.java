package dev.rethink.graph.study;

import static dev.rethink.graph.TfTesting.fetchFloats;
import static dev.rethink.graph.TfTesting.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.TfTesting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** SGD on the quick profile's classifier (ResNet-18 × 0.25, GN(8), 32², batch 8, one fixed random batch). */
class VariantGraphTrainingTest {
  private static final int BATCH = 8;

  @Test
  void lossGoesDownEveryVariableGetsAGradientAndMomentumFollowsTheFormula() {
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 x = TinyVariants.images(BATCH, 1); TInt32 y = TinyVariants.labels(BATCH, 10, 2)) {
      VariantGraph vg = VariantGraph.build(g, TinyVariants.resNet18());
      assertEquals(List.of("cls", "weight_decay"), List.copyOf(vg.lossTerms().keySet()));
      s.run(vg.initializer());

      // Every trainable variable has a gradient, none identically zero.
      Map<String, Operand<TFloat32>> grads = vg.gradients();
      assertEquals(vg.variables().stream().filter(VariantGraph.VariableInfo::trainable).count(), grads.size());
      List<String> names = new ArrayList<>(grads.keySet());
      Session.Runner all = feed(s, vg, x, y);
      names.forEach(n -> all.fetch(grads.get(n)));
      try (Result r = all.run()) {
        for (int i = 0; i < names.size(); i++) {
          assertTrue(TfTesting.maxAbs(values((TFloat32) r.get(i))) > 0, "zero gradient for " + names.get(i));
        }
      }

      // Momentum on head/fc/kernel over two steps: v1 = g0, w1 = w0 − lr0·g0; v2 = m·v1 + g1, w2 = w1 − lr1·v2.
      String w = "head/fc/kernel";
      String v = "optimizer/momentum/" + w;
      float[][] before = fetch(s, vg, x, y, w, grads.get(w));
      float lr0 = scalar(s, vg.learningRate());
      float[] loss0 = fetch(s, vg, x, y, null, vg.loss())[1];
      step(s, vg, x, y);
      float[][] after1 = fetch(s, vg, x, y, w, grads.get(w));
      float lr1 = scalar(s, vg.learningRate());
      float[] v1 = fetchFloats(s, v);
      step(s, vg, x, y);
      float[] w2 = fetchFloats(s, w);
      float[] v2 = fetchFloats(s, v);
      for (int i = 0; i < v1.length; i++) {
        float g0 = before[1][i];
        float g1 = after1[1][i];
        assertEquals(g0, v1[i], 1e-6 + 1e-4 * Math.abs(g0), "v1[" + i + "]");
        assertEquals(before[0][i] - lr0 * g0, after1[0][i], 1e-7 + 1e-5 * Math.abs(after1[0][i]), "w1[" + i + "]");
        float expectedV2 = 0.9f * v1[i] + g1;
        assertEquals(expectedV2, v2[i], 1e-6 + 1e-4 * Math.abs(expectedV2), "v2[" + i + "]");
        assertEquals(after1[0][i] - lr1 * v2[i], w2[i], 1e-7 + 1e-5 * Math.abs(w2[i]), "w2[" + i + "]");
      }
      assertTrue(lr1 > lr0, "warm-up raises the LR: " + lr0 + " then " + lr1);

      for (int i = 0; i < 8; i++) {
        step(s, vg, x, y);
      }
      assertEquals(10, ((TInt64) s.runner().fetch(vg.globalStep()).run().get(0)).getLong());
      float loss10 = fetch(s, vg, x, y, null, vg.loss())[1][0];
      assertTrue(loss10 < 0.7 * loss0[0], "loss after 10 steps " + loss10 + " vs " + loss0[0] + " at the start");

      // The inference tower shares the trained variables: its logits match the training tower's input.
      try (Result r = s.runner().feed(vg.evalImages(), x).fetch(vg.evalLogits()).run()) {
        assertEquals(BATCH * 10, r.get(0).shape().size());
      }
    }
  }

  private static Session.Runner feed(Session s, VariantGraph vg, TFloat32 x, TInt32 y) {
    return s.runner().feed(vg.images(), x).feed(vg.labels(), y);
  }

  private static void step(Session s, VariantGraph vg, TFloat32 x, TInt32 y) {
    feed(s, vg, x, y).addTarget(vg.trainOp()).run();
  }

  /** {variable value (or empty), output value}. */
  private static float[][] fetch(Session s, VariantGraph vg, TFloat32 x, TInt32 y, String variable,
      Operand<TFloat32> output) {
    Session.Runner r = feed(s, vg, x, y).fetch(output);
    if (variable != null) {
      r.fetch(variable);
    }
    try (Result res = r.run()) {
      return new float[][] {variable == null ? new float[0] : values((TFloat32) res.get(1)),
          values((TFloat32) res.get(0))};
    }
  }

  private static float scalar(Session s, Operand<TFloat32> op) {
    try (Result r = s.runner().fetch(op).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }
}
