package dev.rethink.graph.study;

import static dev.rethink.graph.TfTesting.fetchFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.init.FromCheckpoint;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.study.VariantSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** freezeAt = 2 (Detectron's fine-tuning default): stem and res2 stay as loaded, BN there acts as FrozenBN. */
class FrozenStagesTest {

  @Test
  void frozenStagesDoNotChangeOthersDo() {
    VariantSpec v = TinyVariants.resNet18(new BatchNorm())
        .withInit(new InitSpec(new FromCheckpoint("pretrained/ckpt"), 2));
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 x = TinyVariants.images(8, 5); TInt32 y = TinyVariants.labels(8, 10, 6)) {
      VariantGraph vg = VariantGraph.build(g, v);
      List<VariantGraph.VariableInfo> model = vg.variables().stream()
          .filter(i -> i.name().startsWith("backbone/") || i.name().startsWith("head/")).toList();
      for (VariantGraph.VariableInfo info : model) {
        boolean moving = info.name().contains("moving_");
        assertEquals(!frozen(info.name()) && !moving, info.trainable(), info.name());
      }
      assertFalse(vg.gradients().keySet().stream().anyMatch(FrozenStagesTest::frozen), "no gradient into frozen");
      s.run(vg.initializer());
      List<String> names = model.stream().map(VariantGraph.VariableInfo::name).toList();
      Map<String, float[]> before = fetchFloats(s, names);
      s.runner().feed(vg.images(), x).feed(vg.labels(), y).addTarget(vg.trainOp()).run();
      Map<String, float[]> afterStep = fetchFloats(s, names);
      for (VariantGraph.VariableInfo info : model) {
        float[] after = afterStep.get(info.name());
        if (frozen(info.name())) {
          assertArrayEquals(before.get(info.name()), after, 0f, info.name() + " is frozen");
        } else if (info.name().endsWith("/kernel") || info.name().contains("moving_")) {
          assertFalse(Arrays.equals(before.get(info.name()), after), info.name() + " should train");
        }
      }
      assertTrue(model.stream().anyMatch(i -> i.name().equals("backbone/res2/block0/conv1/norm/moving_mean")));
    }
  }

  private static boolean frozen(String name) {
    return name.startsWith("backbone/stem/") || name.startsWith("backbone/res2/");
  }
}
