package dev.rethink.studies;

import static dev.rethink.studies.PaperProtocolAssertions.boxHead;
import static dev.rethink.studies.PaperProtocolAssertions.is4conv1fc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paper profile against the protocol (studies/README.md, "Protocol", numbers typed from it), and
 * the quick profile's shape.
 */
class MaskRcnnScratchVsPretrainedTest {
  private final StudySpec paper = new MaskRcnnScratchVsPretrained().define(Profile.PAPER);

  @Test
  void variantsRunPretrainingFirst() {
    for (Profile p : Profile.values()) {
      assertEquals(List.of("pretrain", "pretrained-2x", "scratch-2x", "scratch-6x"),
          new MaskRcnnScratchVsPretrained().define(p).executionOrder().stream().map(VariantSpec::name).toList());
    }
  }

  @Test
  void paperDetectorIsGnMaskRcnnR50FpnWith4conv1fcHead() {
    for (String name : List.of("pretrained-2x", "scratch-2x", "scratch-6x")) {
      VariantSpec v = paper.variant(name).orElseThrow();
      RcnnSpec m = v.model().detector().orElseThrow();
      assertEquals(List.of(m.maskHead()), m.instanceHeads(), "a mask head only");
      ResNetSpec r = assertInstanceOf(ResNetSpec.class, m.backbone());
      // R50-FPN; GN models use STRIDE_1X1 False; GN in the backbone, FPN and heads.
      assertEquals(50, r.depth());
      assertEquals(1.0, r.widthMultiplier());
      assertFalse(r.strideIn1x1());
      assertEquals(new GroupNorm(32), r.norm());
      assertEquals(new GroupNorm(32), m.fpn().norm());
      assertEquals(256, m.fpn().outChannels());
      // Box head 4conv1fc with GN; mask head 4 convs + deconv with GN.
      assertEquals(new ConvFc(4, 256, 1, 1024, new GroupNorm(32)), boxHead(m));
      assertEquals(4, m.maskHead().convs());
      assertEquals(new GroupNorm(32), m.maskHead().norm());
      assertEquals(80, m.numClasses());
      // COCO train2017 / val2017; shorter side 800, longer ≤ 1333, horizontal flip.
      assertEquals(Coco.instances2017("coco"), v.data());
      assertEquals(new DetectionInput(800, 800, 800, 1333, true, 32), v.input());
      // Box AP and mask AP.
      assertEquals(List.of(new CocoAp(List.of(IouType.BBOX, IouType.SEGM))), v.eval().metrics());
    }
  }

  @Test
  void paperSchedulesAndOptimizer() {
    // 2x = 180k and 6x = 540k iterations, ÷10 at the last 60k and 20k.
    assertSchedule(paper.variant("pretrained-2x").orElseThrow(), 180_000, List.of(120_000, 160_000));
    assertSchedule(paper.variant("scratch-2x").orElseThrow(), 180_000, List.of(120_000, 160_000));
    assertSchedule(paper.variant("scratch-6x").orElseThrow(), 540_000, List.of(480_000, 520_000));
  }

  private static void assertSchedule(VariantSpec v, int iterations, List<Integer> drops) {
    PaperProtocolAssertions.assertDetectionOptimizer(v);
    assertEquals(iterations, v.schedule().iterations());
    assertEquals(drops, v.schedule().milestones());
  }

  @Test
  void paperInitScratchIsMsraWithNothingFrozenAndPretrainedFineTunesGn() {
    PaperProtocolAssertions.assertScratchAndImageNetFineTuning(paper, "scratch-2x", "pretrained-2x");
  }

  @Test
  void quickProfileIsASmallGnMaskRcnnOnSyntheticCocoFromTheSourceTask() {
    StudySpec quick = new MaskRcnnScratchVsPretrained().define(Profile.QUICK);
    VariantSpec pretrain = quick.variant("pretrain").orElseThrow();
    assertEquals(SyntheticClassification.Task.SOURCE, ((SyntheticClassification) pretrain.data()).task());
    VariantSpec scratch = quick.variant("scratch-2x").orElseThrow();
    assertInstanceOf(SyntheticCoco.class, scratch.data());
    RcnnSpec m = scratch.model().detector().orElseThrow();
    assertEquals(18, ((ResNetSpec) m.backbone()).depth());
    assertTrue(is4conv1fc(boxHead(m)));
    assertTrue(quick.variants().stream().allMatch(v -> v.model().backbone().norm() instanceof GroupNorm));
    assertEquals(3 * scratch.schedule().iterations(), quick.variant("scratch-6x").orElseThrow().schedule()
        .iterations());
    assertEquals(pretrain.model().backbone(), m.backbone());
  }
}
