package dev.rethink.graph.study;

import static dev.rethink.graph.TfTesting.fetchFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.study.VariantSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** A classifier's checkpoint seeds the backbone of another graph with a different head. */
class RestoreBackboneTest {
  @TempDir
  static Path dir;
  static Path checkpoint;
  /** Graph A's values after one training step, by variable name. */
  static Map<String, float[]> saved = new HashMap<>();
  static List<String> backbone;

  @BeforeAll
  static void trainAndSave() {
    try (Graph g = new Graph(); Session s = new Session(g);
        TFloat32 x = TinyVariants.images(4, 3); TInt32 y = TinyVariants.labels(4, 10, 4)) {
      VariantGraph a = VariantGraph.build(g, TinyVariants.resNet18());
      s.run(a.initializer());
      s.runner().feed(a.images(), x).feed(a.labels(), y).addTarget(a.trainOp()).run();
      backbone = a.variables().stream().filter(VariantGraph.VariableInfo::backbone)
          .map(VariantGraph.VariableInfo::name).toList();
      saved.putAll(fetchFloats(s, backbone));
      checkpoint = dir.resolve("a").resolve("ckpt");
      s.save(checkpoint.toString());
    }
  }

  @Test
  void backboneRoundTripsIntoAGraphWithAnotherHead() {
    VariantSpec b = TinyVariants.withClasses(TinyVariants.resNet18(), 5).withSeed(1);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      VariantGraph vg = VariantGraph.build(g, b);
      s.run(vg.initializer());
      String first = backbone.get(0);
      assertFalse(java.util.Arrays.equals(saved.get(first), fetchFloats(s, first)), "other seed, other init");
      vg.restoreBackbone(s, checkpoint);
      List<String> names = vg.variables().stream().filter(VariantGraph.VariableInfo::backbone)
          .map(VariantGraph.VariableInfo::name).toList();
      assertEquals(backbone, names);
      Map<String, float[]> restored = fetchFloats(s, names);
      for (String name : names) {
        assertArrayEquals(saved.get(name), restored.get(name), 0f, name);
      }
      assertEquals(5, fetchFloats(s, "head/fc/bias").length, "the head keeps its own shape and init");
      assertArrayEquals(new float[5], fetchFloats(s, "head/fc/bias"), 0f);
      try (TInt64 step = (TInt64) s.runner().fetch(vg.globalStep()).run().get(0)) {
        assertEquals(0, step.getLong(), "the step is not restored");
      }
    }
  }

  @Test
  void misShapedVariableIsNamed() {
    VariantSpec wider = TinyVariants.resNet18().withBackbone(
        ((ResNetSpec) TinyVariants.resNet18().model().backbone()).withWidthMultiplier(0.5));
    IllegalArgumentException e = restoreFails(wider);
    assertTrue(e.getMessage().contains("backbone/stem/conv1/kernel"), e.getMessage());
    assertTrue(e.getMessage().contains("[7, 7, 3, 16]"), e.getMessage());
  }

  /** BN needs moving statistics that a GN checkpoint lacks; gamma and beta exist with the same shapes. */
  @Test
  void missingVariableIsNamed() {
    IllegalArgumentException e = restoreFails(TinyVariants.resNet18(new BatchNorm()));
    assertTrue(e.getMessage().contains("backbone/stem/conv1/norm/moving_mean"), e.getMessage());
  }

  private static IllegalArgumentException restoreFails(VariantSpec variant) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      VariantGraph vg = VariantGraph.build(g, variant);
      s.run(vg.initializer());
      return assertThrows(IllegalArgumentException.class, () -> vg.restoreBackbone(s, checkpoint));
    }
  }
}
