package dev.rethink.graph.study;

import static dev.rethink.graph.TfTesting.fetchFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.init.FromCheckpoint;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Detectors built through {@link VariantGraph}: a classifier's checkpoint seeds the detector's backbone, frozen
 * stages stay as loaded through a training step, the other kinds expose their own keys, bad inputs are named.
 */
class DetectorBackboneTest {
  @TempDir
  Path dir;

  @Test
  void aClassifierCheckpointSeedsTheBackboneAndFrozenStagesStayThroughAStep() {
    String prefix = dir.resolve("classifier").resolve("ckpt").toString();
    List<String> classifierBackbone;
    Map<String, float[]> pretrained;
    try (Graph g = new Graph(); Session s = new Session(g, TinyDetector.FAST_COMPILE);
        TFloat32 x = TinyVariants.images(4, 3); TInt32 y = TinyVariants.labels(4, 10, 4)) {
      VariantGraph classifier = VariantGraph.build(g, TinyVariants.resNet18());
      s.run(classifier.initializer());
      s.runner().feed(classifier.images(), x).feed(classifier.labels(), y).addTarget(classifier.trainOp()).run();
      classifierBackbone = classifier.variables().stream().filter(VariantGraph.VariableInfo::backbone)
          .map(VariantGraph.VariableInfo::name).toList();
      pretrained = fetchFloats(s, classifierBackbone);
      s.save(prefix);
    }

    VariantSpec fineTune = TinyDetector.maskRcnn().withInit(new InitSpec(new FromCheckpoint(prefix), 2));
    Map<InputKey, Tensor> batch = TinyDetector.batch();
    try (Graph g = new Graph(); Session s = new Session(g, TinyDetector.FAST_COMPILE)) {
      VariantGraph detector = VariantGraph.build(g, fineTune);
      List<VariantGraph.VariableInfo> backbone = detector.variables().stream()
          .filter(VariantGraph.VariableInfo::backbone).toList();
      List<String> names = backbone.stream().map(VariantGraph.VariableInfo::name).toList();
      assertEquals(classifierBackbone, names, "the same backbone/... variables as the classifier");
      for (VariantGraph.VariableInfo v : backbone) {
        assertEquals(!frozen(v.name()), v.trainable(), v.name());
      }
      assertFalse(detector.gradients().keySet().stream().anyMatch(DetectorBackboneTest::frozen));

      s.run(detector.initializer());
      assertFalse(Arrays.equals(pretrained.get(names.get(0)), fetchFloats(s, names.get(0))), "own init first");
      detector.restoreBackbone(s, Path.of(prefix));
      Map<String, float[]> restored = fetchFloats(s, names);
      for (String name : names) {
        assertArrayEquals(pretrained.get(name), restored.get(name), 0f, name);
      }

      TinyDetector.feed(s, detector.trainInputs(), batch).addTarget(detector.trainOp()).run();
      Map<String, float[]> afterStep = fetchFloats(s, names);
      for (String name : names) {
        if (frozen(name)) {
          assertArrayEquals(pretrained.get(name), afterStep.get(name), 0f, name + " is frozen");
        } else if (name.endsWith("/kernel")) {
          assertFalse(Arrays.equals(pretrained.get(name), afterStep.get(name)), name + " should train");
        }
      }
      assertTrue(names.contains("backbone/res2/block0/conv1/kernel"));
    } finally {
      batch.values().forEach(Tensor::close);
    }
  }

  @Test
  void fasterAndKeypointRcnnExposeTheirOwnKeysAndLosses() {
    ResNetSpec backbone = ResNetSpec.of(18).withWidthMultiplier(Scale.QUICK.widthMultiplier())
        .withNorm(new GroupNorm(Scale.QUICK.groupNormGroups()));
    try (Graph g = new Graph()) {
      VariantGraph faster = VariantGraph.build(g, TinyDetector.variant(RcnnSpec.fasterFpn(backbone,
          TinyDetector.CLASSES)));
      assertTrue(faster.isDetector());
      assertEquals(EnumSet.of(InputKey.IMAGES, InputKey.IMAGE_HEIGHTS, InputKey.IMAGE_WIDTHS, InputKey.GT_BOXES,
          InputKey.GT_CLASSES, InputKey.GT_COUNTS), faster.trainInputs().keySet());
      assertEquals(EnumSet.of(OutputKey.BOXES, OutputKey.SCORES, OutputKey.CLASSES, OutputKey.DETECTION_COUNTS),
          faster.evalOutputs().keySet());
      assertEquals(List.of("loss_rpn_cls", "loss_rpn_loc", "loss_cls", "loss_box_reg", "weight_decay"),
          List.copyOf(faster.lossTerms().keySet()));
    }
    RcnnSpec keypoint = RcnnSpec.fasterFpn(backbone, 1).withKeypointHead(KeypointHeadSpec.detectron().withConvs(2, 32));
    VariantSpec people = TinyDetector.variant(keypoint).withData(SyntheticCoco.personKeypoints(8, 4, 64, 1));
    try (Graph g = new Graph()) {
      VariantGraph vg = VariantGraph.build(g, people);
      assertTrue(vg.isDetector());
      assertArrayEquals(new long[] {-1, -1, 17, 3}, vg.trainInputs().get(InputKey.GT_KEYPOINTS).shape().asArray());
      assertFalse(vg.trainInputs().containsKey(InputKey.GT_MASKS));
      assertEquals("detection_keypoints", vg.evalOutputs().get(OutputKey.KEYPOINTS).op().name());
      assertEquals(List.of("loss_rpn_cls", "loss_rpn_loc", "loss_cls", "loss_box_reg", "loss_keypoint",
          "weight_decay"), List.copyOf(vg.lossTerms().keySet()));
    }
  }

  @Test
  void aDetectorNeedsDetectionInputAndTheDatasetsClassCount() {
    VariantSpec classificationInput = TinyDetector.maskRcnn().withInput(new ClassificationInput(64, false, true));
    IllegalArgumentException e = buildFails(classificationInput);
    assertTrue(e.getMessage().contains("variants[tiny-mask-rcnn].input") && e.getMessage().contains(
        "DetectionInput"), e.getMessage());
    VariantSpec people = TinyDetector.maskRcnn().withData(SyntheticCoco.personKeypoints(8, 4, 64, 1));
    e = buildFails(people);
    assertTrue(e.getMessage().contains("model.numClasses is 10") && e.getMessage().contains("has 1 classes"),
        e.getMessage());
  }

  private static IllegalArgumentException buildFails(VariantSpec variant) {
    try (Graph g = new Graph()) {
      return assertThrows(IllegalArgumentException.class, () -> VariantGraph.build(g, variant));
    }
  }

  private static boolean frozen(String name) {
    return name.startsWith("backbone/stem/") || name.startsWith("backbone/res2/");
  }
}
