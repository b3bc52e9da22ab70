package dev.rethink.runtime.weights.mapping;

import static dev.rethink.runtime.weights.WeightsFixtures.path;
import static dev.rethink.runtime.weights.mapping.ParityTest.R18;
import static dev.rethink.runtime.weights.mapping.ParityTest.X50;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.graph.backbone.Backbones;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.model.Classifier;
import dev.rethink.runtime.weights.WeightTensor;
import dev.rethink.runtime.weights.WeightsFile;
import dev.rethink.runtime.weights.WeightsFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** What the mapping refuses, reports and allows; applying is all or nothing. No forward passes here. */
class WeightsMappingTest {

  @Test
  void missingAndUnmappedTensorsFailByDefaultNamingFileTensorAndTarget() throws IOException {
    Map<String, WeightTensor> tensors = new LinkedHashMap<>(read("r18.pth").tensors());
    tensors.remove("layer3.1.bn2.running_var");
    tensors.put("extra.weight", WeightTensor.of(new long[] {3}, 1, 2, 3));
    WeightsFile file = WeightsFile.of(Path.of("edited.pth"), WeightsFormat.PYTORCH, tensors, Map.of());
    List<ModelVariable> targets = classifierVariables(R18, 10);

    WeightsMappingException e = assertThrows(WeightsMappingException.class,
        () -> WeightsMapping.map(file, R18, targets, MappingOptions.defaults()));
    String m = e.getMessage();
    assertTrue(m.startsWith("cannot import edited.pth (TORCHVISION names): 2 problems"), m);
    assertTrue(m.contains("missing: target 'backbone/res4/block1/conv2/norm/moving_variance' [8] has no source"
        + " tensor (looked for [layer3.1.bn2.running_var]"), m);
    assertTrue(m.contains("unmapped: source 'extra.weight' [3] has no target"), m);
    assertTrue(m.contains("withAllowMissing(true)"), m);

    assertThrows(WeightsMappingException.class, () -> WeightsMapping.map(file, R18, targets,
        MappingOptions.defaults().withAllowMissing(true)), "unmapped still fails");
    MappedWeights partial = WeightsMapping.map(file, R18, targets,
        MappingOptions.defaults().withAllowMissing(true).withAllowUnmapped(true));
    MappingReport r = partial.report();
    assertFalse(r.complete());
    assertEquals(List.of("backbone/res4/block1/conv2/norm/moving_variance"),
        r.missing().stream().map(MappingReport.Missing::target).toList());
    assertEquals(List.of("extra.weight"), r.unmapped().stream().map(MappingReport.Unmapped::source).toList());
    assertEquals(2, r.warnings().size(), r.warnings().toString());
    assertFalse(partial.variables().contains("backbone/res4/block1/conv2/norm/moving_variance"));
    assertEquals(101, partial.variables().size());
  }

  @Test
  void shapeMismatchesAlwaysFailWithBothShapes() throws IOException {
    List<ModelVariable> elevenClasses = classifierVariables(R18, 11);
    MappingOptions lenient = MappingOptions.defaults().withAllowMissing(true).withAllowUnmapped(true);
    WeightsMappingException e = assertThrows(WeightsMappingException.class,
        () -> WeightsMapping.map(read("r18.pth"), R18, elevenClasses, lenient));
    assertTrue(e.getMessage().contains("shape mismatch: source 'fc.weight' [10, 16] for target 'head/fc/kernel'"
        + " [16, 11] (expected [11, 16] [out, in])"), e.getMessage());
    assertTrue(e.getMessage().contains("shape mismatch: source 'fc.bias' [10] for target 'head/fc/bias' [11]"),
        e.getMessage());
    assertFalse(e.getMessage().contains("withAllowMissing"), "no option accepts a mismatch");

    MappedWeights withoutHead = WeightsMapping.map(read("r18.pth"), R18, elevenClasses,
        MappingOptions.defaults().withIncludeHead(false));
    assertTrue(withoutHead.report().complete(), withoutHead.report().describe());
    assertTrue(withoutHead.report().skipped().contains(new MappingReport.Skipped("fc.weight",
        "the classifier head: not imported (includeHead is false)")));
    assertFalse(withoutHead.variables().contains("head/fc/kernel"));
  }

  @Test
  void bnStatisticsIntoAGroupNormNetworkAreUnmappedWithAHint() throws IOException {
    BackboneSpec gn = R18.withNorm(new GroupNorm(2));
    WeightsMappingException e = assertThrows(WeightsMappingException.class,
        () -> WeightsMapping.map(read("r18.pth"), gn, classifierVariables(gn, 10), MappingOptions.defaults()));
    MappingReport.Unmapped mean = e.report().unmapped().stream().filter(u -> u.source().equals("bn1.running_mean"))
        .findFirst().orElseThrow();
    assertEquals("BN running statistics, but the target normalizes with GroupNorm(groups=2)", mean.hint());
    assertEquals(40, e.report().unmapped().size(), "running mean and variance of 20 BNs");
    assertTrue(e.report().missing().isEmpty());
  }

  @Test
  void groupNormWeightsLackTheStatisticsOfABnNetwork() throws IOException {
    WeightsMappingException e = assertThrows(WeightsMappingException.class,
        () -> WeightsMapping.map(read("r18_gn.safetensors"), R18, classifierVariables(R18, 10),
            MappingOptions.defaults()));
    assertEquals(40, e.report().missing().size());
    assertTrue(e.report().missing().stream().allMatch(m -> m.reason().contains("no running statistics")));
    assertTrue(e.getMessage().contains("missing: target 'backbone/stem/conv1/norm/moving_mean' [2] has no source"
        + " tensor (looked for [bn1.running_mean, bn1.running_var]; the source has no running statistics"), e
        .getMessage());
  }

  @Test
  void groupNormCannotBeFoldedIntoANetworkWithoutNorm() throws IOException {
    BackboneSpec plain = R18.withNorm(new NoNorm());
    WeightsMappingException e = assertThrows(WeightsMappingException.class,
        () -> WeightsMapping.map(read("r18_gn.safetensors"), plain, classifierVariables(plain, 10),
            MappingOptions.defaults()));
    assertTrue(e.report().missing().stream().allMatch(m -> m.target().endsWith("/bias")
        && m.reason().contains("cannot be folded")), e.getMessage());
    assertEquals(20, e.report().missing().size());
  }

  @Test
  void foldingBnNeedsBothStatistics() throws IOException {
    Map<String, WeightTensor> tensors = new LinkedHashMap<>(read("r18.pth").tensors());
    tensors.remove("layer1.0.bn1.running_var");
    WeightsFile file = WeightsFile.of(Path.of("half.pth"), WeightsFormat.PYTORCH, tensors, Map.of());
    BackboneSpec plain = R18.withNorm(new NoNorm());
    WeightsMappingException e = assertThrows(WeightsMappingException.class,
        () -> WeightsMapping.map(file, plain, classifierVariables(plain, 10), MappingOptions.defaults()));
    assertTrue(e.getMessage().contains("missing: target 'backbone/res2/block0/conv1/bias' [2] has no source tensor"
        + " (looked for [layer1.0.bn1.running_var]; BN is folded into this convolution, which needs both running"
        + " statistics)"), e.getMessage());
    assertTrue(e.getMessage().contains("unmapped: source 'layer1.0.bn1.running_mean' [2] has no target (half of a"
        + " BN's running statistics)"), e.getMessage());
  }

  @Test
  void aClassifierFileIntoABareBackboneSkipsItsHead() throws IOException {
    MappedWeights m = WeightsMapping.map(read("r18.pth"), R18, backboneVariables(R18), MappingOptions.defaults());
    assertTrue(m.report().complete(), m.report().describe());
    assertTrue(m.report().skipped().contains(new MappingReport.Skipped("fc.bias",
        "the classifier head: the target has none")));
  }

  @Test
  void aDetectorCheckpointsOtherLayersAreUnmappedUnlessAllowed() throws IOException {
    Map<String, WeightTensor> tensors = new LinkedHashMap<>(read("r18_d2.pkl").tensors());
    tensors.put("backbone.fpn_lateral2.weight", WeightTensor.of(new long[] {1, 2, 1, 1}, 1, 2));
    tensors.put("roi_heads.box_predictor.cls_score.bias", WeightTensor.of(new long[] {2}, 0, 0));
    WeightsFile file = WeightsFile.of(Path.of("model_final.pkl"), WeightsFormat.PICKLE, tensors, Map.of());
    List<ModelVariable> backbone = backboneVariables(R18);
    WeightsMappingException e = assertThrows(WeightsMappingException.class,
        () -> WeightsMapping.map(file, R18, backbone, MappingOptions.defaults()));
    assertEquals(List.of("backbone.fpn_lateral2.weight", "roi_heads.box_predictor.cls_score.bias"),
        e.report().unmapped().stream().map(MappingReport.Unmapped::source).toList());
    MappedWeights m = WeightsMapping.map(file, R18, backbone, MappingOptions.defaults().withAllowUnmapped(true));
    assertEquals(List.of("2 source tensors are not imported (allowUnmapped)"), m.report().warnings());
  }

  /**
   * torchvision's {@code vgg16_bn} layout: {@code features.<i>} with i = 0, 3, 7, 10, 14, 17, 20, 24, 27, 30, 34,
   * 37, 40 for the convolutions (conv, BN, ReLU per layer; a pool per stage), BN at i + 1; the convolutions keep a
   * bias, which a BN target takes into its mean. Each tensor is filled with its module index here.
   */
  @Test
  void vgg16BnIndicesAndTheConvolutionBiasBeforeBn() {
    VggSpec spec = new VggSpec(16, new BatchNorm(), 1 / 32.0);
    int[] convs = {0, 3, 7, 10, 14, 17, 20, 24, 27, 30, 34, 37, 40};
    int[] widths = {2, 2, 4, 4, 8, 8, 8, 16, 16, 16, 16, 16, 16};
    Map<String, WeightTensor> tensors = new LinkedHashMap<>();
    int in = 3;
    for (int k = 0; k < convs.length; k++) {
      int i = convs[k];
      int out = widths[k];
      tensors.put("features." + i + ".weight", filled(new long[] {out, in, 3, 3}, i));
      tensors.put("features." + i + ".bias", filled(new long[] {out}, 0.5f));
      for (String p : List.of("weight", "bias", "running_mean", "running_var")) {
        tensors.put("features." + (i + 1) + "." + p, filled(new long[] {out}, p.equals("running_mean") ? 2 : i + 1));
      }
      tensors.put("features." + (i + 1) + ".num_batches_tracked", WeightTensor.of(new long[0], 9));
      in = out;
    }
    tensors.put("classifier.0.weight", filled(new long[] {4, 16}, 0));
    WeightsFile file = WeightsFile.of(Path.of("vgg16_bn.pth"), WeightsFormat.PYTORCH, tensors, Map.of());
    MappedWeights m = WeightsMapping.map(file, spec, backboneVariables(spec), MappingOptions.defaults());
    assertTrue(m.report().complete(), m.report().describe());
    assertTrue(m.report().skipped().stream().anyMatch(s -> s.source().equals("classifier.0.weight")));
    assertAll(m.value("backbone/conv3/conv3_2/kernel"), 17);
    assertAll(m.value("backbone/conv3/conv3_2/norm/gamma"), 18);
    assertAll(m.value("backbone/conv5/conv5_3/kernel"), 40);
    assertAll(m.value("backbone/conv5/conv5_3/norm/moving_variance"), 41);
    assertAll(m.value("backbone/conv5/conv5_3/norm/moving_mean"), 1.5f); // 2 - 0.5
  }

  /** Detectron's AffineChannel: gamma = scale, beta = shift, mean 0, variance 1 − ε (the target's ε). */
  @Test
  void affineChannelBecomesBnWithUnitStatistics() throws IOException {
    WeightsFile c2 = read("x50_c2.pkl");
    MappedWeights m = WeightsMapping.map(c2, X50, classifierVariables(X50, 10), MappingOptions.defaults());
    assertArrayEquals(c2.get("res3_0_branch1_bn_s").orElseThrow().values(),
        m.value("backbone/res3/block0/shortcut/norm/gamma"), 0f);
    assertAll(m.value("backbone/res3/block0/shortcut/norm/moving_mean"), 0f);
    assertAll(m.value("backbone/res3/block0/shortcut/norm/moving_variance"), (float) (1 - 1e-5));
  }

  @Test
  void namingIsDetectedFromTheNames() throws IOException {
    assertEquals(SourceNaming.TORCHVISION, SourceNaming.detect(read("r18.pth")));
    assertEquals(SourceNaming.TORCHVISION, SourceNaming.detect(read("vgg16.npz")));
    assertEquals(SourceNaming.DETECTRON2, SourceNaming.detect(read("r18_d2.pkl")));
    assertEquals(SourceNaming.DETECTRON, SourceNaming.detect(read("x50_c2.pkl")));
    WeightsFile odd = WeightsFile.of(Path.of("odd.npz"), WeightsFormat.NPZ,
        Map.of("encoder.w", WeightTensor.of(new long[] {1}, 1)), Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceNaming.detect(odd));
    assertTrue(e.getMessage().contains("odd.npz") && e.getMessage().contains("withNaming"), e.getMessage());
  }

  @Test
  void detectron2HasNoVgg() throws IOException {
    VggSpec spec = new VggSpec(16, new NoNorm(), 1 / 32.0);
    WeightsMappingException e = assertThrows(WeightsMappingException.class, () -> WeightsMapping.map(
        read("vgg16.npz"), spec, backboneVariables(spec), MappingOptions.defaults().withNaming(
            SourceNaming.DETECTRON2)));
    assertTrue(e.getMessage().contains("Detectron2 has no VGG backbone"), e.getMessage());
  }

  /** A mapped value that does not fit the graph fails the apply before any variable changes. */
  @Test
  void applyingIsAllOrNothing() throws IOException {
    MappedWeights tenClasses = WeightsMapping.map(read("r18.pth"), R18, classifierVariables(R18, 10),
        MappingOptions.defaults());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      VariableStore store = classifierStore(g, R18, 11);
      s.run(store.initializer());
      float[] before = fetch(s, store, "backbone/stem/conv1/kernel");
      WeightsMappingException e = assertThrows(WeightsMappingException.class, () -> tenClasses.applyTo(s, store));
      assertTrue(e.getMessage().contains("variable head/fc/kernel has shape [16, 11] in the graph but [16, 10] was"
          + " mapped; nothing was assigned"), e.getMessage());
      assertArrayEquals(before, fetch(s, store, "backbone/stem/conv1/kernel"), 0f, "the stem was not assigned");
      assertFalse(Arrays.equals(before, tenClasses.value("backbone/stem/conv1/kernel")));
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      VariableStore store = backboneStore(g, R18);
      s.run(store.initializer());
      WeightsMappingException e = assertThrows(WeightsMappingException.class, () -> tenClasses.applyTo(s, store));
      assertTrue(e.getMessage().contains("the graph has no variable head/fc/kernel"), e.getMessage());
    }
  }

  @Test
  void appliedValuesAreTheMappedOnes() throws IOException {
    MappedWeights m = WeightsMapping.map(read("r18.pth"), R18, classifierVariables(R18, 10),
        MappingOptions.defaults());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      VariableStore store = classifierStore(g, R18, 10);
      s.run(store.initializer());
      m.applyTo(s, store);
      m.applyTo(s, store); // again: its ops get names of their own
      // bn1.running_var printed by PyTorch; a vector is copied as is.
      assertArrayEquals(new float[] {0.29796385765075684f, 0.29030051827430725f},
          fetch(s, store, "backbone/stem/conv1/norm/moving_variance"), 0f);
      assertArrayEquals(m.value("backbone/res5/block1/conv2/kernel"),
          fetch(s, store, "backbone/res5/block1/conv2/kernel"), 0f);
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  private static WeightsFile read(String fixture) throws IOException {
    return WeightsFile.read(path(fixture));
  }

  private static WeightTensor filled(long[] shape, float value) {
    float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
    Arrays.fill(v, value);
    return WeightTensor.of(shape, v);
  }

  private static void assertAll(float[] values, float expected) {
    for (float v : values) {
      assertEquals(expected, v, 0f);
    }
  }

  static List<ModelVariable> classifierVariables(BackboneSpec spec, int classes) {
    try (Graph g = new Graph()) {
      return classifierStore(g, spec, classes).all();
    }
  }

  static List<ModelVariable> backboneVariables(BackboneSpec spec) {
    try (Graph g = new Graph()) {
      return backboneStore(g, spec).all();
    }
  }

  static VariableStore classifierStore(Graph g, BackboneSpec spec, int classes) {
    Ops tf = GraphOps.create(g);
    VariableStore store = new VariableStore(tf, 3);
    Tower tower = Tower.inference(tf.withSubScope("inference"), store);
    Classifier.logits(tower.root(), tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3))),
        new ClassifierSpec(spec, classes), 0);
    return store;
  }

  static VariableStore backboneStore(Graph g, BackboneSpec spec) {
    Ops tf = GraphOps.create(g);
    VariableStore store = new VariableStore(tf, 3);
    Tower tower = Tower.inference(tf.withSubScope("inference"), store);
    Backbones.build(tower.root().child(Backbones.SCOPE), tf.placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, 32, 32, 3))), spec, 0);
    return store;
  }

  private static float[] fetch(Session s, VariableStore store, String name) {
    try (Result r = s.runner().fetch(store.find(name).orElseThrow().variable()).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.asRawTensor().data().asFloats().read(out);
      return out;
    }
  }
}
