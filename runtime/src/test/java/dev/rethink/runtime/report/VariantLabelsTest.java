package dev.rethink.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.CocoSubset;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import org.junit.jupiter.api.Test;

/** Labels in the paper's vocabulary. */
class VariantLabelsTest {

  @Test
  void backbones() {
    assertEquals("ResNet-50", VariantLabels.backbone(ResNetSpec.of(50)));
    assertEquals("ResNeXt-101 32×8d", VariantLabels.backbone(ResNetSpec.resNeXt(101, 32, 8)));
    assertEquals("ResNet-18 ×0.25", VariantLabels.backbone(ResNetSpec.of(18).withWidthMultiplier(0.25)));
    assertEquals("VGG-16", VariantLabels.backbone(VggSpec.of(16)));
    assertEquals("VGG-16 ×0.125", VariantLabels.backbone(VggSpec.of(16).withWidthMultiplier(0.125)));
  }

  @Test
  void norms() {
    assertEquals("none", VariantLabels.norm(new NoNorm()));
    assertEquals("BN", VariantLabels.norm(new BatchNorm()));
    assertEquals("FrozenBN", VariantLabels.norm(new FrozenBatchNorm()));
    assertEquals("SyncBN", VariantLabels.norm(new SyncBatchNorm()));
    assertEquals("GN(32)", VariantLabels.norm(new GroupNorm()));
  }

  @Test
  void initNamesFrozenStages() {
    VariantSpec v = VariantSpec.classifier("ft", Scale.PAPER, ResNetSpec.of(50));
    assertEquals("scratch", VariantLabels.init(v));
    // Detectron's FREEZE_AT 2: the stem and res2.
    assertEquals("from pre, frozen stem+res2", VariantLabels.init(v.withInit(InitSpec.from("pre").withFreezeAt(2))));
  }

  @Test
  void scheduleMultipleCountsImagesAgainstTheProfile1x() {
    // Quick 1x = 400 iterations at batch 16; paper 1x = 90k at 16 (§4).
    assertEquals("1200 it (3x)", VariantLabels.schedule(Scale.QUICK.nx(3), "quick"));
    assertEquals("200 it (0.5x)", VariantLabels.schedule(Scale.QUICK.nx(0.5), "quick"));
    assertEquals("180000 it (2x)", VariantLabels.schedule(Scale.PAPER.nx(2), "paper"));
    // Halving the batch by the linear scaling rule doubles the iterations and keeps the multiple.
    assertEquals("2400 it (3x)", VariantLabels.schedule(Scale.QUICK.nx(3).withImagesPerBatch(8), "quick"));
    assertEquals("1200 it", VariantLabels.schedule(Scale.QUICK.nx(3), "custom"));
  }

  @Test
  void scheduleDetailListsTheDrops() {
    // Paper 2x: drops at 120k and 160k (the last 60k and 20k iterations), LR 0.02, warm-up 500 from 1/3.
    assertEquals("180000 it (2x), batch 16, LR 0.02, warm-up 500 it from ×0.33, ×0.1 at [120000, 160000]",
        VariantLabels.scheduleDetail(Scale.PAPER.nx(2), "paper"));
  }

  @Test
  void headsNameTheirOutputsAndClassCount() {
    assertEquals("classifier, 1000 classes", VariantLabels.head(new ClassifierSpec(ResNetSpec.of(50), 1000)));
    assertEquals("boxes + masks, 80 classes, box head 2fc", VariantLabels.head(RcnnSpec.maskFpn(ResNetSpec.of(50),
        80)));
    assertEquals("boxes + keypoints, 1 class, box head 2fc", VariantLabels.head(RcnnSpec.keypointFpn(
        ResNetSpec.of(50), 1)));
    assertEquals("boxes, 20 classes, box head 2fc", VariantLabels.head(RcnnSpec.fasterFpn(ResNetSpec.of(50), 20)));
    RcnnSpec both = RcnnSpec.maskFpn(ResNetSpec.of(50), 1).withKeypointHead(KeypointHeadSpec.detectron());
    assertEquals("boxes + masks + keypoints, 1 class, box head 2fc", VariantLabels.head(both));
    assertEquals("Mask+Keypoint R-CNN ResNet-50-FPN", VariantLabels.model(both));
    assertEquals("Faster R-CNN VGG-16", VariantLabels.model(RcnnSpec.singleLevel(VggSpec.of(16), 20)));
  }

  @Test
  void cocoSetsAreNamedByTheirAnnotationFile() {
    // Instances and person keypoints share the image folder train2017/: only the annotation file tells them apart.
    assertEquals("coco/instances_train2017", VariantLabels.data(Coco.instances2017("coco")));
    assertEquals("coco/person_keypoints_train2017", VariantLabels.data(Coco.personKeypoints2017("coco")));
    assertEquals("coco/instances_train2017, subset of 1000", VariantLabels.data(Coco.instances2017("coco")
        .withSubset(new CocoSubset(1000, 7L))));
  }

  @Test
  void numbersAndDurations() {
    // ResNet-50 has 25,557,032 parameters (torchvision).
    assertEquals("25.56M", VariantLabels.parameters(25_557_032));
    assertEquals("712.3k", VariantLabels.parameters(712_300));
    assertEquals("950", VariantLabels.parameters(950));
    assertEquals("1.33", VariantLabels.number(4.0 / 3));
    assertEquals("3", VariantLabels.number(3.0));
    assertEquals("0.00125", VariantLabels.exact(0.00125));
    assertEquals("0.0001", VariantLabels.exact(1e-4));
    assertEquals("2h03m", VariantLabels.duration(7380));
    assertEquals("4m05s", VariantLabels.duration(245));
    assertEquals("12.3s", VariantLabels.duration(12.34));
  }
}
