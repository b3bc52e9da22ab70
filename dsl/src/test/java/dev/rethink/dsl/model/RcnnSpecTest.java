package dev.rethink.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.SpecException;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.model.detection.BoxCoderWeights;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.model.detection.StandardRoiHeads;
import dev.rethink.dsl.model.detection.TwoFc;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RcnnSpecTest {

  private static final ResNetSpec R50 = ResNetSpec.of(50);

  @Test
  void defaultsAreDetectron2s() {
    RcnnSpec m = RcnnSpec.maskFpn(R50, 80);
    StandardRoiHeads roi = standard(m);
    MaskHeadSpec mask = m.mask().orElseThrow();
    // Detectron2 configs/Base-RCNN-FPN.yaml and config/defaults.py, read independently of this code.
    assertEquals(256, m.fpn().outChannels());
    assertEquals(List.of(32.0, 64.0, 128.0, 256.0, 512.0), m.rpn().anchorSizes());
    assertEquals(List.of(0.5, 1.0, 2.0), m.rpn().aspectRatios());
    assertEquals(0.7, m.rpn().positiveIou());
    assertEquals(0.3, m.rpn().negativeIou());
    assertEquals(256, m.rpn().anchorsPerImage());
    assertEquals(128, m.rpn().maxPositives());
    assertEquals(2000, m.rpn().train().preNmsTopK());
    assertEquals(1000, m.rpn().train().postNmsTopK());
    assertEquals(1000, m.rpn().test().preNmsTopK());
    assertEquals(1000, m.rpn().test().postNmsTopK());
    assertEquals(0.7, m.rpn().nmsIou());
    assertEquals(512, roi.roisPerImage());
    assertEquals(128, roi.maxForeground());
    assertEquals(0.5, roi.foregroundIou());
    assertEquals(new BoxCoderWeights(10, 10, 5, 5), roi.boxCoderWeights());
    assertTrue(roi.classSpecificRegression());
    assertEquals(new TwoFc(1024), roi.boxHead());
    assertEquals(7, roi.pooler().resolution());
    assertEquals(28, mask.maskResolution());
    assertEquals(4, mask.convs());
    assertEquals(256, mask.convDim());
    assertEquals(0.05, m.inference().scoreThreshold());
    assertEquals(0.5, m.inference().nmsIou());
    assertEquals(100, m.inference().detectionsPerImage());
    assertEquals(0.5, m.inference().maskThreshold());
    KeypointHeadSpec k = KeypointHeadSpec.detectron();
    assertEquals(8, k.convs());
    assertEquals(512, k.convDim());
    assertEquals(17, k.numKeypoints());
    assertEquals(56, k.heatmapResolution());
  }

  @Test
  void jsonRoundTripsEveryDetector() {
    GroupNorm gn = new GroupNorm(32);
    List<ModelSpec> models = List.of(
        RcnnSpec.fasterFpn(R50, 80),
        RcnnSpec.singleLevel(VggSpec.of(16), 80),
        RcnnSpec.maskFpn(R50, 80).withNormEverywhere(gn),
        RcnnSpec.maskFpn(R50, 80).withNormEverywhere(new SyncBatchNorm()),
        RcnnSpec.keypointFpn(R50, 1).withRoiHeads(RoiHeadsSpec.of(ConvFc.gn()).withSmoothL1Beta(1.0)),
        RcnnSpec.fasterFpn(R50, 20).withRpn(RpnSpec.fpn().withSmoothL1Beta(1.0 / 9)),
        RcnnSpec.maskFpn(R50, 1).withKeypointHead(KeypointHeadSpec.detectron()).withNormEverywhere(gn));
    for (ModelSpec m : models) {
      String json = Json.write(m);
      assertEquals(m, Json.read(json, ModelSpec.class), json);
    }
    String vgg = Json.write(RcnnSpec.singleLevel(VggSpec.of(16), 80));
    assertTrue(vgg.contains("\"type\" : \"Rcnn\"") && vgg.contains("\"fpn\" : null"), vgg);
    assertFalse(vgg.contains("maskHead") || vgg.contains("keypointHead"), "absent heads are not written: " + vgg);
    String gnJson = Json.write(RcnnSpec.maskFpn(R50, 80).withNormEverywhere(gn));
    assertTrue(gnJson.contains("\"type\" : \"ConvFc\""), gnJson);
  }

  @Test
  void normsListEveryNormSite() {
    GroupNorm gn = new GroupNorm(32);
    assertEquals(List.of("backbone.norm", "fpn.norm", "roiHeads.boxHead.norm", "maskHead.norm"),
        List.copyOf(RcnnSpec.maskFpn(R50, 80).withNormEverywhere(gn).norms().keySet()));
    assertTrue(RcnnSpec.maskFpn(R50, 80).withNormEverywhere(gn).norms().values().stream().allMatch(gn::equals));
    assertEquals(List.of("backbone.norm", "fpn.norm", "maskHead.norm"),
        List.copyOf(RcnnSpec.maskFpn(R50, 80).norms().keySet()), "a 2fc head has no norm site");
    assertEquals(List.of("backbone.norm", "fpn.norm", "roiHeads.boxHead.norm", "keypointHead.norm"),
        List.copyOf(RcnnSpec.keypointFpn(R50, 1).withNormEverywhere(gn).norms().keySet()));
    assertEquals(List.of("backbone.norm"), List.copyOf(RcnnSpec.singleLevel(VggSpec.of(16), 80).norms()
        .keySet()));
  }

  @Test
  void frozenBatchNormInAnyNormSiteFromScratchIsTheTrap() {
    VariantSpec base = VariantSpec.classifier("det", Scale.QUICK, R50);
    RcnnSpec frozenFpn = RcnnSpec.maskFpn(R50.withNorm(new GroupNorm()), 80)
        .withFpn(FpnSpec.detectron().withNorm(new FrozenBatchNorm()));
    SpecException e = assertThrows(SpecException.class, () -> base.withModel(frozenFpn));
    assertEquals("variants[det].model.fpn.norm", e.field());
    RcnnSpec frozenMask = RcnnSpec.maskFpn(R50.withNorm(new GroupNorm()), 80)
        .withMaskHead(MaskHeadSpec.detectron().withNorm(new FrozenBatchNorm()));
    assertEquals("variants[det].model.maskHead.norm",
        assertThrows(SpecException.class, () -> base.withModel(frozenMask)).field());
  }

  @Test
  void groupNormGroupsMustDivideEveryHeadWidth() {
    SpecException fpn = assertThrows(SpecException.class, () -> new FpnSpec(48, new GroupNorm(32)));
    assertEquals("fpn.norm", fpn.field());
    assertTrue(fpn.getMessage().contains("48"), fpn.getMessage());
    assertEquals("roiHeads.boxHead.norm", assertThrows(SpecException.class,
        () -> ConvFc.fourConvOneFc(new GroupNorm(32)).withWidths(40, 1024)).field());
    assertEquals("maskHead.norm", assertThrows(SpecException.class,
        () -> MaskHeadSpec.detectron().withConvDim(72).withNorm(new GroupNorm(32))).field());
    assertEquals("keypointHead.norm", assertThrows(SpecException.class,
        () -> KeypointHeadSpec.detectron().withConvs(2, 100).withNorm(new GroupNorm(32))).field());
    // The same norm through JSON: the constructor's rule surfaces with its field.
    String json = Json.write(new FpnSpec(64, new GroupNorm(32))).replace("64", "48");
    assertEquals("fpn.norm", assertThrows(SpecException.class, () -> Json.read(json, FpnSpec.class)).field());
  }

  @Test
  void detectorRulesNameTheField() {
    SpecException vggFpn = assertThrows(SpecException.class, () -> RcnnSpec.fasterFpn(VggSpec.of(16), 80));
    assertEquals("fpn", vggFpn.field());
    assertTrue(vggFpn.getMessage().contains("[4, 8, 16, 16]"), vggFpn.getMessage());
    assertEquals("rpn.anchorSizes", assertThrows(SpecException.class, () -> RcnnSpec.fasterFpn(R50, 80)
        .withRpn(RpnSpec.fpn().withAnchorSizes(List.of(32.0, 64.0)))).field());
    assertEquals("numClasses", assertThrows(SpecException.class, () -> RcnnSpec.maskFpn(R50, 0)).field());
    assertEquals("rpn.negativeIou", assertThrows(SpecException.class, () -> new RpnSpec(
        RpnSpec.FPN_ANCHOR_SIZES, RpnSpec.ASPECT_RATIOS, 0.3, 0.7, 256, 0.5, RpnSpec.FPN_TRAIN, RpnSpec.FPN_TEST,
        0.7, 0, 0)).field());
    assertEquals("inference.detectionsPerImage", assertThrows(SpecException.class,
        () -> InferenceSpec.detectron().withDetectionsPerImage(0)).field());
    assertEquals("roiHeads.roisPerImage", assertThrows(SpecException.class,
        () -> RoiHeadsSpec.detectron().withRoisPerImage(0)).field());
    assertEquals("roiHeads.boxHead", assertThrows(SpecException.class,
        () -> RoiHeadsSpec.detectron().withBoxHead(null)).field());
    // A single-level detector takes any number of anchor sizes (all on one map).
    assertEquals(15, RcnnSpec.singleLevel(VggSpec.of(16), 80).rpn().anchorsPerPosition(false));
  }

  @Test
  void withNormEverywhereKeepsAConvFcHeadsWidths() {
    ConvFc small = ConvFc.fourConvOneFc(new NoNorm()).withWidths(16, 32);
    RcnnSpec m = RcnnSpec.maskFpn(R50, 3).withRoiHeads(RoiHeadsSpec.of(small))
        .withNormEverywhere(new GroupNorm(8));
    ConvFc head = assertInstanceOf(ConvFc.class, standard(m).boxHead());
    assertEquals(16, head.convDim());
    assertEquals(new GroupNorm(8), head.norm());
    assertFalse(m.norms().containsValue(new NoNorm()));
    assertEquals(256, m.featureChannels());
    assertEquals(512, RcnnSpec.singleLevel(VggSpec.of(16), 80).featureChannels());
  }

  /**
   * Run directories written before the single record ({@code study.json}, {@code provenance.json}) name the
   * detector {@code FasterRcnn}, {@code MaskRcnn} or {@code KeypointRcnn}: they read into {@link RcnnSpec} with the
   * same heads, so old runs resume.
   */
  @Test
  void legacyDetectorTypeNamesReadIntoTheOneRecord() {
    GroupNorm gn = new GroupNorm(32);
    RcnnSpec faster = RcnnSpec.fasterFpn(R50, 80).withNormEverywhere(gn);
    RcnnSpec mask = RcnnSpec.maskFpn(R50, 80).withNormEverywhere(gn);
    RcnnSpec keypoint = RcnnSpec.keypointFpn(R50, 1).withNormEverywhere(gn);
    RcnnSpec vgg = RcnnSpec.singleLevel(VggSpec.of(16), 80);
    for (Map.Entry<String, RcnnSpec> c : List.of(Map.entry("FasterRcnn", faster), Map.entry("MaskRcnn", mask),
        Map.entry("KeypointRcnn", keypoint), Map.entry("FasterRcnn", vgg))) {
      String legacy = Json.write(c.getValue()).replace("\"type\" : \"Rcnn\"", "\"type\" : \"" + c.getKey() + "\"");
      assertTrue(legacy.contains("\"" + c.getKey() + "\""), legacy);
      assertEquals(c.getValue(), Json.read(legacy, ModelSpec.class), legacy);
    }
    // A snippet as the former MaskRcnnSpec wrote it, by hand: seven fields, the mask head last.
    String snippet = """
        {"type": "MaskRcnn",
         "backbone": {"type": "ResNet", "depth": 50, "norm": {"type": "GroupNorm", "groups": 32, "epsilon": 1e-5},
                      "strideIn1x1": false, "groups": 1, "widthPerGroup": 64, "widthMultiplier": 1.0},
         "fpn": {"outChannels": 256, "norm": {"type": "GroupNorm", "groups": 32, "epsilon": 1e-5}},
         "rpn": %s,
         "roiHeads": %s,
         "inference": %s,
         "numClasses": 80,
         "maskHead": %s}
        """.formatted(Json.write(mask.rpn()), Json.write(mask.roiHeads()), Json.write(mask.inference()),
        Json.write(mask.maskHead()));
    assertEquals(mask, Json.read(snippet, ModelSpec.class));
    assertFalse(Json.write(mask.roiHeads()).contains("\"type\" : \"Standard"),
        "the RoI-heads kind is deduced, not written: old and new JSON agree");
  }

  @Test
  void instanceHeadsSayWhatTheDetectorPredicts() {
    assertEquals(List.of(), RcnnSpec.fasterFpn(R50, 80).instanceHeads());
    assertEquals(List.of(IouType.BBOX), RcnnSpec.fasterFpn(R50, 80).iouTypes());
    assertEquals(List.of(IouType.BBOX, IouType.SEGM), RcnnSpec.maskFpn(R50, 80).iouTypes());
    assertEquals(List.of(IouType.BBOX, IouType.KEYPOINTS), RcnnSpec.keypointFpn(R50, 1).iouTypes());
    RcnnSpec both = RcnnSpec.maskFpn(R50, 1).withKeypointHead(KeypointHeadSpec.detectron());
    assertEquals(List.of(MaskHeadSpec.detectron(), KeypointHeadSpec.detectron()), both.instanceHeads(),
        "mask before keypoint: the order the heads are built in");
    assertEquals(List.of(IouType.BBOX, IouType.SEGM, IouType.KEYPOINTS), both.iouTypes());
    assertEquals(RcnnSpec.fasterFpn(R50, 80), RcnnSpec.maskFpn(R50, 80).withMaskHead(null));
    assertTrue(RcnnSpec.maskFpn(R50, 80).detector().isPresent());
    assertTrue(new ClassifierSpec(R50, 10).detector().isEmpty());
  }

  /** The RoI heads' only kind today; tests read its fields through the visitor, as lowerings do. */
  private static StandardRoiHeads standard(RcnnSpec m) {
    return m.roiHeads().accept(heads -> heads);
  }
}
