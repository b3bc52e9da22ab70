package dev.rethink.graph.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;

/**
 * Trainable parameter counts against torchvision's published models (ImageNet, 1000 classes; BN running
 * statistics are buffers, not parameters). Graphs are built, never run.
 */
class ParameterCountTest {

  @Test
  void resNet50() {
    assertEquals(25_557_032, count(ResNetSpec.of(50)));
  }

  /** GN has a gamma and a beta per channel, like BN: the count does not change. */
  @Test
  void resNet50WithGroupNorm() {
    assertEquals(25_557_032, count(ResNetSpec.of(50).withNorm(new GroupNorm(32))));
  }

  /** SyncBN (explicit statistics in the training tower) has BN's parameters. */
  @Test
  void resNet50WithSyncBatchNorm() {
    assertEquals(25_557_032, count(ResNetSpec.of(50).withNorm(new SyncBatchNorm())));
  }

  @Test
  void resNet18() {
    assertEquals(11_689_512, count(ResNetSpec.of(18)));
  }

  @Test
  void resNet101() {
    assertEquals(44_549_160, count(ResNetSpec.of(101)));
  }

  @Test
  void resNeXt50With32x4d() {
    assertEquals(25_028_904, count(ResNetSpec.resNeXt(50, 32, 4)));
  }

  /** torchvision {@code vgg16().features}: 13 convolutions with biases. */
  @Test
  void vgg16ConvolutionalPart() {
    try (Graph g = new Graph()) {
      VariantGraph vg = VariantGraph.build(g, VariantSpec.classifier("vgg16", Scale.PAPER, VggSpec.of(16)));
      long backbone = vg.variables().stream().filter(v -> v.backbone() && v.trainable())
          .mapToLong(v -> java.util.Arrays.stream(v.shape()).reduce(1, (a, b) -> a * b)).sum();
      assertEquals(14_714_688, backbone);
    }
  }

  private static long count(BackboneSpec backbone) {
    try (Graph g = new Graph()) {
      return VariantGraph.build(g, VariantSpec.classifier("count", Scale.PAPER, backbone)).trainableParameterCount();
    }
  }
}
