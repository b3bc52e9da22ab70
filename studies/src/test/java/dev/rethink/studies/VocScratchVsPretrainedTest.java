package dev.rethink.studies;

import static dev.rethink.studies.PaperProtocolAssertions.boxHead;
import static dev.rethink.studies.PaperProtocolAssertions.is4conv1fc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import dev.rethink.dsl.eval.VocMap;
import dev.rethink.dsl.eval.VocMetric;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paper profile against the protocol (studies/README.md, "Protocol" and "PASCAL VOC (Faster R-CNN
 * R101-FPN GN, VOC07+12 trainval, evaluated on VOC12 val): 82.7 mAP pre-trained at 18k iterations vs 77.6 scratch
 * at 144k", numbers typed from it; LR drops typed from Detectron2's configs/PascalVOC-Detection/
 * faster_rcnn_R_50_FPN.yaml, STEPS (12000, 16000) of MAX_ITER 18000), and the quick profile's shape.
 */
class VocScratchVsPretrainedTest {
  private final StudySpec paper = new VocScratchVsPretrained().define(Profile.PAPER);

  @Test
  void variantsRunPretrainingFirst() {
    for (Profile p : Profile.values()) {
      assertEquals(List.of("pretrain", "pretrained", "scratch"),
          new VocScratchVsPretrained().define(p).executionOrder().stream().map(VariantSpec::name).toList());
    }
  }

  @Test
  void paperDetectorIsGnFasterRcnnR101FpnOnVoc07Plus12() {
    for (String name : List.of("pretrained", "scratch")) {
      VariantSpec v = paper.variant(name).orElseThrow();
      RcnnSpec f = v.model().detector().orElseThrow();
      assertTrue(f.instanceHeads().isEmpty(), "Faster R-CNN: no instance head");
      ResNetSpec r = assertInstanceOf(ResNetSpec.class, f.backbone());
      // R101-FPN; GN models use STRIDE_1X1 False; GN in the backbone, FPN and the 4conv1fc box head.
      assertEquals(101, r.depth());
      assertEquals(1.0, r.widthMultiplier());
      assertFalse(r.strideIn1x1());
      assertEquals(new GroupNorm(32), r.norm());
      assertEquals(new GroupNorm(32), f.fpn().norm());
      assertEquals(256, f.fpn().outChannels());
      assertEquals(new ConvFc(4, 256, 1, 1024, new GroupNorm(32)), boxHead(f));
      // The 20 PASCAL classes; VOC 2007 trainval + 2012 train, evaluated on 2012 val.
      assertEquals(20, f.numClasses());
      assertEquals(new Voc("VOCdevkit", List.of("VOC2007/trainval", "VOC2012/train"), "VOC2012/val",
          List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
              "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train",
              "tvmonitor")), v.data());
      // Shorter side 800, longer ≤ 1333, horizontal flip.
      assertEquals(new DetectionInput(800, 800, 800, 1333, true, 32), v.input());
      // VOC mAP only, with the VOC2010+ (area) metric that VOC 2012 val is scored with.
      assertEquals(List.of(new VocMap(VocMetric.AREA)), v.eval().metrics());
    }
  }

  @Test
  void paperSchedulesArePretrained18kAndScratch144kAtBatch16() {
    ScheduleSpec pretrained = paper.variant("pretrained").orElseThrow().schedule();
    assertEquals(18_000, pretrained.iterations());
    assertEquals(List.of(12_000, 16_000), pretrained.milestones());
    ScheduleSpec scratch = paper.variant("scratch").orElseThrow().schedule();
    assertEquals(144_000, scratch.iterations());
    // The same last 6k and 2k iterations at the lower LRs, as COCO's last 60k and 20k whatever the length.
    assertEquals(List.of(138_000, 142_000), scratch.milestones());
    for (String name : List.of("pretrained", "scratch")) {
      PaperProtocolAssertions.assertDetectionOptimizer(paper.variant(name).orElseThrow());
    }
  }

  @Test
  void paperInitScratchIsMsraWithNothingFrozenAndPretrainedFineTunesGn() {
    PaperProtocolAssertions.assertScratchAndImageNetFineTuning(paper, "scratch", "pretrained");
    // The paper's VOC detector is R101-FPN, pre-trained as such.
    assertEquals(101, ((ResNetSpec) paper.variant("pretrain").orElseThrow().model().backbone()).depth());
  }

  @Test
  void quickProfileIsASmallGnFasterRcnnOnSyntheticVocFromTheSourceTask() {
    StudySpec quick = new VocScratchVsPretrained().define(Profile.QUICK);
    VariantSpec pretrain = quick.variant("pretrain").orElseThrow();
    assertEquals(SyntheticClassification.Task.SOURCE, ((SyntheticClassification) pretrain.data()).task());
    VariantSpec scratch = quick.variant("scratch").orElseThrow();
    VariantSpec pretrained = quick.variant("pretrained").orElseThrow();
    SyntheticVoc data = assertInstanceOf(SyntheticVoc.class, scratch.data());
    assertEquals(data, pretrained.data());
    assertEquals(Scale.QUICK_DETECTION_IMAGE_SIZE, data.imageSize());
    RcnnSpec f = scratch.model().detector().orElseThrow();
    // The synthetic set's ten object classes, not PASCAL's twenty.
    assertEquals(10, f.numClasses());
    assertEquals(18, ((ResNetSpec) f.backbone()).depth());
    assertTrue(is4conv1fc(boxHead(f)));
    assertTrue(quick.variants().stream().allMatch(v -> v.model().backbone().norm() instanceof GroupNorm));
    assertEquals(f.fpn().norm(), f.backbone().norm());
    assertEquals(pretrain.model().backbone(), f.backbone());
    // Pre-trained for 2x the quick detection 1x against scratch for 3 times as long (6x), at its batch and LR.
    Scale.Detection d = Scale.QUICK.detection();
    int n = 2 * d.iterations1x();
    assertEquals(n, pretrained.schedule().iterations());
    assertEquals(3 * n, scratch.schedule().iterations());
    // LR drops as the paper profile's: at the fine-tuning's last third and ninth, which scratch keeps.
    int third = (int) Math.round(n / 3.0);
    int ninth = (int) Math.round(n / 9.0);
    assertEquals(List.of(n - third, n - ninth), pretrained.schedule().milestones());
    assertEquals(List.of(3 * n - third, 3 * n - ninth), scratch.schedule().milestones());
    for (VariantSpec v : List.of(pretrained, scratch)) {
      assertEquals(d.imagesPerBatch(), v.schedule().imagesPerBatch());
      assertEquals(d.baseLr(), v.schedule().baseLr());
      assertEquals(List.of(new VocMap(VocMetric.AREA)), v.eval().metrics());
    }
  }

  @Test
  void bothDetectorsAreEvaluatedAtTheSameIterationsAndTheFineTuningBeforeItsEnd() {
    for (Profile p : Profile.values()) {
      StudySpec spec = new VocScratchVsPretrained().define(p);
      VariantSpec pretrained = spec.variant("pretrained").orElseThrow();
      // A curve, not only an end point: the shorter run is evaluated at least once before its last iteration.
      int period = pretrained.eval().period();
      assertTrue(period >= 1 && period < pretrained.schedule().iterations(), p.cliName());
      assertEquals(period, spec.variant("scratch").orElseThrow().eval().period(), p.cliName());
    }
  }

  @Test
  void roundTripsThroughJsonAtEveryProfile() {
    for (Profile p : Profile.values()) {
      StudySpec spec = new VocScratchVsPretrained().define(p);
      assertEquals(spec, Json.read(Json.write(spec), StudySpec.class), p.cliName());
    }
  }
}
