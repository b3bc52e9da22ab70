package dev.rethink.studies;

import static dev.rethink.studies.PaperProtocolAssertions.boxHead;
import static dev.rethink.studies.PaperProtocolAssertions.is4conv1fc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paper profile against the protocol (studies/README.md, "Protocol" and "Keypoints (R50-FPN GN,
 * 2x)", numbers typed from it and from Detectron2's keypoint head defaults), and the quick profile's shape.
 */
class KeypointRcnnScratchVsPretrainedTest {
  private final StudySpec paper = new KeypointRcnnScratchVsPretrained().define(Profile.PAPER);

  @Test
  void variantsRunPretrainingFirst() {
    for (Profile p : Profile.values()) {
      assertEquals(List.of("pretrain", "pretrained-2x", "scratch-2x"),
          new KeypointRcnnScratchVsPretrained().define(p).executionOrder().stream().map(VariantSpec::name).toList());
    }
  }

  @Test
  void paperDetectorIsGnKeypointRcnnR50FpnOnCocoPersonKeypoints() {
    for (String name : List.of("pretrained-2x", "scratch-2x")) {
      VariantSpec v = paper.variant(name).orElseThrow();
      RcnnSpec k = v.model().detector().orElseThrow();
      assertEquals(List.of(k.keypointHead()), k.instanceHeads(), "a keypoint head only");
      ResNetSpec r = assertInstanceOf(ResNetSpec.class, k.backbone());
      // R50-FPN; GN models use STRIDE_1X1 False; GN in the backbone, FPN and heads.
      assertEquals(50, r.depth());
      assertEquals(1.0, r.widthMultiplier());
      assertFalse(r.strideIn1x1());
      assertEquals(new GroupNorm(32), r.norm());
      assertEquals(new GroupNorm(32), k.fpn().norm());
      assertEquals(256, k.fpn().outChannels());
      assertEquals(new ConvFc(4, 256, 1, 1024, new GroupNorm(32)), boxHead(k));
      // Keypoint head: Detectron2's 8 convs of 512, 17 COCO keypoints, 14×14 RoIAlign to 56×56 heatmaps; GN.
      KeypointHeadSpec head = k.keypointHead();
      assertEquals(8, head.convs());
      assertEquals(512, head.convDim());
      assertEquals(new GroupNorm(32), head.norm());
      assertEquals(17, head.numKeypoints());
      assertEquals(14, head.pooler().resolution());
      assertEquals(56, head.heatmapResolution());
      // Person only.
      assertEquals(1, k.numClasses());
      // COCO person keypoints train2017 / val2017; shorter side 800, longer ≤ 1333, horizontal flip.
      assertEquals(new Coco("coco", "annotations/person_keypoints_train2017.json", "train2017",
          "annotations/person_keypoints_val2017.json", "val2017", null), v.data());
      assertEquals(new DetectionInput(800, 800, 800, 1333, true, 32), v.input());
      // Keypoint AP, and box AP.
      assertEquals(List.of(new CocoAp(List.of(IouType.BBOX, IouType.KEYPOINTS))), v.eval().metrics());
    }
  }

  @Test
  void paperSchedulesAndOptimizerAre2x() {
    for (String name : List.of("pretrained-2x", "scratch-2x")) {
      VariantSpec v = paper.variant(name).orElseThrow();
      PaperProtocolAssertions.assertDetectionOptimizer(v);
      // 2x = 180k iterations with ÷10 at 120k and 160k.
      assertEquals(180_000, v.schedule().iterations());
      assertEquals(List.of(120_000, 160_000), v.schedule().milestones());
    }
  }

  @Test
  void paperInitScratchIsMsraWithNothingFrozenAndPretrainedFineTunesGn() {
    PaperProtocolAssertions.assertScratchAndImageNetFineTuning(paper, "scratch-2x", "pretrained-2x");
  }

  @Test
  void quickProfileIsASmallGnKeypointRcnnOnSyntheticPersonKeypointsFromTheSourceTask() {
    StudySpec quick = new KeypointRcnnScratchVsPretrained().define(Profile.QUICK);
    VariantSpec pretrain = quick.variant("pretrain").orElseThrow();
    assertEquals(SyntheticClassification.Task.SOURCE, ((SyntheticClassification) pretrain.data()).task());
    VariantSpec scratch = quick.variant("scratch-2x").orElseThrow();
    SyntheticCoco data = assertInstanceOf(SyntheticCoco.class, scratch.data());
    assertTrue(data.keypoints(), "a person-keypoints set");
    RcnnSpec k = scratch.model().detector().orElseThrow();
    assertEquals(1, k.numClasses());
    assertEquals(18, ((ResNetSpec) k.backbone()).depth());
    assertTrue(is4conv1fc(boxHead(k)));
    // The keypoint head keeps Detectron2's 2:1 ratio to the FPN width, and its 8 convs and 17 keypoints.
    assertEquals(2 * k.fpn().outChannels(), k.keypointHead().convDim());
    assertEquals(8, k.keypointHead().convs());
    assertEquals(17, k.keypointHead().numKeypoints());
    assertTrue(quick.variants().stream().allMatch(v -> v.model().backbone().norm() instanceof GroupNorm));
    assertEquals(k.keypointHead().norm(), k.backbone().norm());
    assertEquals(scratch.schedule(), quick.variant("pretrained-2x").orElseThrow().schedule());
    assertEquals(pretrain.model().backbone(), k.backbone());
  }

  @Test
  void roundTripsThroughJsonAtEveryProfile() {
    for (Profile p : Profile.values()) {
      StudySpec spec = new KeypointRcnnScratchVsPretrained().define(p);
      assertEquals(spec, Json.read(Json.write(spec), StudySpec.class), p.cliName());
    }
  }
}
