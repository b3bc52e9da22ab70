package dev.rethink.runtime.weights.mapping;

import static dev.rethink.runtime.weights.WeightsFixtures.nchwToNhwc;
import static dev.rethink.runtime.weights.WeightsFixtures.path;
import static dev.rethink.runtime.weights.WeightsFixtures.reference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.graph.backbone.Backbones;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.model.Classifier;
import dev.rethink.runtime.weights.WeightTensor;
import dev.rethink.runtime.weights.WeightsFile;
import dev.rethink.runtime.weights.WeightsFixtures.Reference;
import dev.rethink.runtime.weights.WeightsFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Import + forward agrees with torchvision: each fixture's weights, mapped onto the Rethink network of the same
 * structure and run in inference mode on the fixture's input, give torchvision's logits (or features) to 1e-4.
 * The references were computed by PyTorch when the fixtures were written ({@code make_fixtures.py}).
 */
class ParityTest {
  static final double TOLERANCE = 1e-4;
  static final int CLASSES = 10;
  static final ResNetSpec R18 = ResNetSpec.of(18).withWidthMultiplier(1 / 32.0);
  /** ResNeXt-50 2×64d at 1/64 width: torchvision's ResNet(Bottleneck, [3, 4, 6, 3], groups=2, width_per_group=64). */
  static final ResNetSpec X50 = new ResNetSpec(50, new BatchNorm(), false, 2, 64, 1 / 64.0);
  static final VggSpec VGG16 = new VggSpec(16, new NoNorm(), 1 / 32.0);

  @Test
  void torchvisionPthGivesTorchvisionsLogits() throws IOException {
    Imported r = classifier(R18, "r18.pth", MappingOptions.defaults());
    assertParity("r18.pth -> ResNet-18 BN", reference("r18_logits.npy"), r.output());
    assertTrue(r.report().complete(), r.report().describe());
    assertEquals(SourceNaming.TORCHVISION, r.report().naming());
    assertEquals(20, r.report().skipped().size(), "one num_batches_tracked per BN");
    assertTrue(r.report().skipped().stream().allMatch(s -> s.source().endsWith("num_batches_tracked")));
    assertEquals(102, r.report().mapped().size(), "20 convs + 20 BNs x 4 + fc kernel and bias");
  }

  @Test
  void torchvisionSafetensorsGivesTorchvisionsLogits() throws IOException {
    Imported r = classifier(R18, "r18.safetensors", MappingOptions.defaults());
    assertParity("r18.safetensors -> ResNet-18 BN", reference("r18_logits.npy"), r.output());
  }

  /** The same BN weights into FrozenBN and SyncBN networks (same variables, same inference). */
  @Test
  void bnWeightsLoadIntoFrozenAndSyncBn() throws IOException {
    for (ResNetSpec spec : List.of(R18.withNorm(new FrozenBatchNorm()), R18.withNorm(new SyncBatchNorm()))) {
      Imported r = classifier(spec, "r18.pth", MappingOptions.defaults());
      assertParity("r18.pth -> ResNet-18 " + spec.norm(), reference("r18_logits.npy"), r.output());
    }
  }

  /** BN folded into the convolutions of a network without norm computes the same function. */
  @Test
  void bnFoldedIntoConvolutionsGivesTheSameLogits() throws IOException {
    Imported r = classifier(R18.withNorm(new NoNorm()), "r18.pth", MappingOptions.defaults());
    assertParity("r18.pth -> ResNet-18 without norm (BN folded)", reference("r18_logits.npy"), r.output());
    assertTrue(r.report().complete(), r.report().describe());
    assertEquals(20 * 2 + 2, r.report().mapped().size(), "kernel and bias per conv, fc");
  }

  @Test
  void groupNormWeightsGiveTorchvisionsLogits() throws IOException {
    Imported r = classifier(R18.withNorm(new GroupNorm(2)), "r18_gn.safetensors", MappingOptions.defaults());
    assertParity("r18_gn.safetensors -> ResNet-18 GN", reference("r18_gn_logits.npy"), r.output());
    assertTrue(r.report().complete(), r.report().describe());
  }

  /** Bottlenecks, projection shortcuts and grouped (ResNeXt) 3×3 kernels. */
  @Test
  void resNeXtBottlenecksGiveTorchvisionsLogits() throws IOException {
    Imported r = classifier(X50, "x50.safetensors", MappingOptions.defaults());
    assertParity("x50.safetensors -> ResNeXt-50", reference("x50_logits.npy"), r.output());
    assertTrue(r.report().complete(), r.report().describe());
  }

  /**
   * Detectron's blobs (Caffe2 names, BN folded into AffineChannel, fc1000 head, a momentum blob) map completely
   * and, with mean 0 and variance 1 − ε, compute torchvision's logits.
   */
  @Test
  void detectronBlobsMapCompletelyAndGiveTheSameLogits() throws IOException {
    Imported r = classifier(X50, "x50_c2.pkl", MappingOptions.defaults());
    assertEquals(SourceNaming.DETECTRON, r.report().naming());
    assertTrue(r.report().complete(), r.report().describe());
    assertEquals(List.of(new MappingReport.Skipped("conv1_w_momentum", "the optimizer's momentum, not a weight")),
        r.report().skipped());
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.contains("STRIDE_1X1")), r.report().warnings()
        .toString());
    assertParity("x50_c2.pkl -> ResNeXt-50", reference("x50_logits.npy"), r.output());
  }

  /** A detector checkpoint's backbone (Detectron2 names under backbone.bottom_up.) into a bare backbone. */
  @Test
  void detectron2BackboneMapsCompletelyAndGivesTorchvisionsRes5() throws IOException {
    Imported r = backbone(R18, "r18_d2.pkl", "res5");
    assertEquals(SourceNaming.DETECTRON2, r.report().naming());
    assertTrue(r.report().complete(), r.report().describe());
    assertTrue(r.report().skipped().isEmpty());
    assertParity("r18_d2.pkl -> ResNet-18 backbone res5", nhwc(reference("r18_res5.npy")), r.output());
  }

  @Test
  void vggFeaturesGiveTorchvisionsConv5() throws IOException {
    Imported r = backbone(VGG16, "vgg16.npz", "conv5");
    assertTrue(r.report().complete(), r.report().describe());
    assertParity("vgg16.npz -> VGG-16 conv5", nhwc(reference("vgg16_conv5.npy")), r.output());
  }

  /**
   * Detectron's GN spelling ({@code _gn_s}, {@code _gn_b}; stem {@code conv1_gn_}): torchvision's GN tensors
   * renamed here by Detectron2's conversion rules read backwards, then imported, give torchvision's logits.
   */
  @Test
  void detectronGroupNormNamesGiveTheSameLogits() throws IOException {
    WeightsFile tv = WeightsFile.read(path("r18_gn.safetensors"));
    Map<String, WeightTensor> c2 = new LinkedHashMap<>();
    Pattern block = Pattern.compile("layer(\\d)\\.(\\d+)\\.(conv|bn)(\\d)\\.(weight|bias)");
    Pattern shortcut = Pattern.compile("layer(\\d)\\.(\\d+)\\.downsample\\.([01])\\.(weight|bias)");
    for (Map.Entry<String, WeightTensor> e : tv.tensors().entrySet()) {
      String k = e.getKey();
      Matcher b = block.matcher(k);
      Matcher s = shortcut.matcher(k);
      String name;
      if (b.matches()) {
        String base = "res" + (Integer.parseInt(b.group(1)) + 1) + "_" + b.group(2) + "_branch2"
            + "abc".charAt(Integer.parseInt(b.group(4)) - 1);
        name = base + (b.group(3).equals("conv") ? "_w" : b.group(5).equals("weight") ? "_gn_s" : "_gn_b");
      } else if (s.matches()) {
        String base = "res" + (Integer.parseInt(s.group(1)) + 1) + "_" + s.group(2) + "_branch1";
        name = base + (s.group(3).equals("0") ? "_w" : s.group(4).equals("weight") ? "_gn_s" : "_gn_b");
      } else {
        name = Map.of("conv1.weight", "conv1_w", "bn1.weight", "conv1_gn_s", "bn1.bias", "conv1_gn_b",
            "fc.weight", "fc1000_w", "fc.bias", "fc1000_b").get(k);
      }
      c2.put(name, e.getValue());
    }
    WeightsFile file = WeightsFile.of(Path.of("r18_gn_as_detectron"), WeightsFormat.PICKLE, c2, Map.of());
    Imported r = classifier(R18.withNorm(new GroupNorm(2)), file, MappingOptions.defaults());
    assertEquals(SourceNaming.DETECTRON, r.report().naming());
    assertTrue(r.report().complete(), r.report().describe());
    assertParity("Detectron GN names -> ResNet-18 GN", reference("r18_gn_logits.npy"), r.output());
  }

  /** The control: the same weights with the stride in the other convolution compute something else. */
  @Test
  void theWrongStridePlacementIsCaughtByTheReference() throws IOException {
    Imported r = classifier(X50.withStrideIn1x1(true), "x50.safetensors", MappingOptions.defaults());
    assertTrue(r.report().warnings().stream().anyMatch(w -> w.contains("torchvision")), r.report().warnings()
        .toString());
    double maxAbs = 0;
    float[] expected = reference("x50_logits.npy").values();
    for (int i = 0; i < expected.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(expected[i] - r.output().values()[i]));
    }
    assertTrue(maxAbs > 100 * TOLERANCE, "strideIn1x1=true differs from torchvision's by only " + maxAbs);
  }

  /** The kernel layout: our HWIO [1, 2, 0, 1] is PyTorch's OIHW [1, 0, 1, 2] (an index read off by hand). */
  @Test
  void kernelsAreTransposedFromOihwToHwio() throws IOException {
    WeightsFile tv = WeightsFile.read(path("r18.pth"));
    try (Graph g = new Graph()) {
      Built b = build(g, R18, 37, true);
      MappedWeights m = WeightsMapping.map(tv, R18, b.store());
      float[] ours = m.value("backbone/stem/conv1/kernel"); // [7, 7, 3, 2]
      assertArrayEquals(new long[] {7, 7, 3, 2}, m.shape("backbone/stem/conv1/kernel"));
      assertEquals(-0.029767734929919243f, ours[((1 * 7 + 2) * 3 + 0) * 2 + 1], 0f, "printed by PyTorch");
      float[] fc = m.value("head/fc/kernel"); // [16, 10] from fc.weight [10, 16]
      WeightTensor w = tv.get("fc.weight").orElseThrow();
      assertEquals(w.get(3 * 16 + 5), fc[5 * 10 + 3], 0f, "fc.weight[3, 5] is kernel[5, 3]");
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  record Imported(MappingReport report, Reference output) {}

  record Built(VariableStore store, Placeholder<TFloat32> images, Operand<TFloat32> output) {}

  static Imported classifier(ResNetSpec spec, String fixture, MappingOptions options) throws IOException {
    return classifier(spec, WeightsFile.read(path(fixture)), options);
  }

  static Imported classifier(ResNetSpec spec, WeightsFile file, MappingOptions options) {
    return run(spec, file, options, true, null);
  }

  static Imported backbone(BackboneSpec spec, String fixture, String stage) throws IOException {
    return run(spec, WeightsFile.read(path(fixture)), MappingOptions.defaults(), false, stage);
  }

  private static Imported run(BackboneSpec spec, WeightsFile file, MappingOptions options, boolean classifier,
      String stage) {
    Reference input = reference("input.npy");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Built b = classifier ? build(g, spec, 37, true) : buildBackbone(g, spec, 37, stage);
      s.run(b.store().initializer());
      MappedWeights mapped = WeightsMapping.map(file, spec, b.store().all(), options);
      mapped.applyTo(s, b.store());
      float[] nhwc = nchwToNhwc(input.values(), input.shape());
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(2, 37, 37, 3), DataBuffers.of(nhwc, true, false));
          Result out = s.runner().feed(b.images(), x).fetch(b.output()).run()) {
        TFloat32 y = (TFloat32) out.get(0);
        float[] values = new float[(int) y.size()];
        y.asRawTensor().data().asFloats().read(values);
        return new Imported(mapped.report(), new Reference(y.shape().asArray(), values));
      }
    }
  }

  static Built build(Graph g, BackboneSpec spec, int size, boolean classifier) {
    Ops tf = GraphOps.create(g);
    VariableStore store = new VariableStore(tf, 7);
    Tower tower = Tower.inference(tf.withSubScope("inference"), store);
    Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
    Operand<TFloat32> out = Classifier.logits(tower.root(), images, new ClassifierSpec(spec, CLASSES), 0);
    return new Built(store, images, out);
  }

  static Built buildBackbone(Graph g, BackboneSpec spec, int size, String stage) {
    Ops tf = GraphOps.create(g);
    VariableStore store = new VariableStore(tf, 7);
    Tower tower = Tower.inference(tf.withSubScope("inference"), store);
    Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
    Operand<TFloat32> out = Backbones.build(tower.root().child(Backbones.SCOPE), images, spec, 0).get(stage);
    return new Built(store, images, out);
  }

  /** Max absolute and relative differences, printed (they are the parity figures) and checked. */
  static void assertParity(String what, Reference expected, Reference actual) {
    assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
    double maxAbs = 0;
    double maxRel = 0;
    double scale = 0;
    for (float v : expected.values()) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.values().length; i++) {
      double d = Math.abs(expected.values()[i] - actual.values()[i]);
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(expected.values()[i]), 1e-3 * scale));
    }
    System.out.printf("parity %-45s max |diff| %.3g, max relative %.3g (max |reference| %.3g)%n", what, maxAbs,
        maxRel, scale);
    assertTrue(maxAbs <= TOLERANCE, what + ": max |diff| " + maxAbs + " > " + TOLERANCE);
    assertTrue(scale > 0.1, what + ": the reference is not trivial");
  }

  /** A torchvision NCHW feature map as our NHWC. */
  static Reference nhwc(Reference nchw) {
    long[] s = nchw.shape();
    return new Reference(new long[] {s[0], s[2], s[3], s[1]}, nchwToNhwc(nchw.values(), s));
  }
}
