package dev.rethink.graph.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class BackboneTest {

  /** ResNet paper, Table 1: at 224², conv1 → 112, pool → 56 (res2), then 28, 14, 7; widths 64, 256 … 2048. */
  @Test
  void resNet50StageShapesFollowThePaper() {
    try (Graph g = new Graph()) {
      FeatureMaps<TFloat32> maps = build(g, ResNetSpec.of(50), 224, 0).maps();
      assertEquals(List.of("stem", "res2", "res3", "res4", "res5"), maps.names());
      assertArrayEquals(new long[] {-1, 56, 56, 64}, maps.get("stem").shape().asArray(), "stem");
      assertArrayEquals(new long[] {-1, 56, 56, 256}, maps.get("res2").shape().asArray(), "res2");
      assertArrayEquals(new long[] {-1, 28, 28, 512}, maps.get("res3").shape().asArray(), "res3");
      assertArrayEquals(new long[] {-1, 14, 14, 1024}, maps.get("res4").shape().asArray(), "res4");
      assertArrayEquals(new long[] {-1, 7, 7, 2048}, maps.get("res5").shape().asArray(), "res5");
    }
  }

  @Test
  void stageShapesAgreeWithTheSpecsStrides() {
    for (BackboneSpec spec : List.of(ResNetSpec.of(18).withWidthMultiplier(0.25), VggSpec.of(16))) {
      try (Graph g = new Graph()) {
        FeatureMaps<TFloat32> maps = build(g, spec, 64, 0).maps();
        for (BackboneSpec.Stage stage : spec.stages()) {
          Shape s = maps.get(stage.name()).shape();
          assertEquals(64 / stage.stride(), s.get(1), spec + " " + stage.name());
          assertEquals(stage.outChannels(), s.get(3), spec + " " + stage.name());
        }
      }
    }
  }

  /** strideIn1x1: the first bottleneck of res3 strides in conv1 (MSRA) or in conv2 (torchvision). */
  @Test
  void strideIn1x1PutsTheStrideInTheFirstConvolution() {
    for (boolean in1x1 : new boolean[] {true, false}) {
      try (Graph g = new Graph()) {
        build(g, ResNetSpec.of(50).withStrideIn1x1(in1x1), 224, 0);
        long conv1 = g.operationOrThrow("t/backbone/res3/block0/conv1/Conv2d").output(0).shape().get(1);
        long conv2 = g.operationOrThrow("t/backbone/res3/block0/conv2/Conv2d").output(0).shape().get(1);
        assertEquals(in1x1 ? 28 : 56, conv1, "conv1 output, strideIn1x1=" + in1x1);
        assertEquals(28, conv2, "conv2 output, strideIn1x1=" + in1x1);
      }
    }
  }

  @Test
  void variableNamesAreStablePaths() {
    try (Graph g = new Graph()) {
      VariableStore store = build(g, ResNetSpec.of(50), 64, 0).store();
      for (String name : List.of("backbone/stem/conv1/kernel", "backbone/stem/conv1/norm/gamma",
          "backbone/stem/conv1/norm/moving_mean", "backbone/res2/block0/conv1/kernel",
          "backbone/res2/block0/shortcut/kernel", "backbone/res2/block0/shortcut/norm/beta",
          "backbone/res5/block2/conv3/norm/moving_variance")) {
        assertTrue(store.find(name).isPresent(), name);
      }
      assertTrue(store.find("backbone/res2/block1/shortcut/kernel").isEmpty(), "identity shortcut");
      assertTrue(store.find("backbone/stem/conv1/bias").isEmpty(), "no conv bias before a norm");
    }
    try (Graph g = new Graph()) {
      VariableStore store = build(g, VggSpec.of(16), 64, 0).store();
      assertEquals(Shape.of(3, 3, 256, 256), store.find("backbone/conv3/conv3_3/kernel").orElseThrow().shape());
      assertTrue(store.find("backbone/conv3/conv3_3/bias").isPresent(), "VGG without norm has biases");
    }
  }

  @Test
  void frozenStagesHaveNoTrainableVariables() {
    try (Graph g = new Graph()) {
      VariableStore store = build(g, ResNetSpec.of(18).withNorm(new GroupNorm(8)).withWidthMultiplier(0.25), 32, 2)
          .store();
      for (ModelVariable v : store.all()) {
        boolean frozen = v.name().startsWith("backbone/stem/") || v.name().startsWith("backbone/res2/");
        assertEquals(!frozen, v.trainable(), v.name());
      }
    }
  }

  @Test
  void freezeAtBeyondTheStagesIsRejected() {
    try (Graph g = new Graph()) {
      assertThrows(IllegalArgumentException.class, () -> build(g, ResNetSpec.of(18), 32, 6));
    }
  }

  private record Built(FeatureMaps<TFloat32> maps, VariableStore store) {}

  private static Built build(Graph g, BackboneSpec spec, int size, int freezeAt) {
    Ops tf = GraphOps.create(g);
    VariableStore store = new VariableStore(tf, 0);
    Tower tower = Tower.training(tf.withSubScope("t"), store);
    Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
    return new Built(Backbones.build(tower.root().child(Backbones.SCOPE), images, spec, freezeAt), store);
  }
}
