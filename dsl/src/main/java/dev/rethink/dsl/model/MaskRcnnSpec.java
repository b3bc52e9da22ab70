package dev.rethink.dsl.model;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mask R-CNN (He et al., 2017): Faster R-CNN plus a mask head on the foreground RoIs, the paper's main detector.
 *
 * @param backbone feature extractor
 * @param fpn feature pyramid over res2…res5, or {@code null} to run the RPN and RoI heads on the last backbone
 *     stage (the paper's VGG-16 Faster R-CNN: conv5, stride 16)
 * @param rpn region proposal network
 * @param roiHeads Fast R-CNN box heads
 * @param inference post-processing
 * @param numClasses foreground classes (background excluded)
 * @param maskHead mask head
 */
public record MaskRcnnSpec(BackboneSpec backbone, FpnSpec fpn, RpnSpec rpn, RoiHeadsSpec roiHeads,
    InferenceSpec inference, int numClasses, MaskHeadSpec maskHead) implements DetectorSpec {

  public MaskRcnnSpec {
    if (SpecParts.checkNow()) {
      DetectorChecks.check(backbone, fpn, rpn, roiHeads, inference, numClasses);
      require(maskHead != null, "maskHead", "is required (hint: MaskHeadSpec.detectron())");
    }
  }

  /** Over FPN with Detectron2's defaults (2fc box head, no norm in the FPN and heads). */
  public static MaskRcnnSpec fpn(BackboneSpec backbone, int numClasses) {
    return new MaskRcnnSpec(backbone, FpnSpec.detectron(), RpnSpec.fpn(), RoiHeadsSpec.detectron(),
        InferenceSpec.detectron(), numClasses, MaskHeadSpec.detectron());
  }

  /** On the backbone's last stage, without FPN, with Detectron2's single-feature-map RPN. */
  public static MaskRcnnSpec singleLevel(BackboneSpec backbone, int numClasses) {
    return new MaskRcnnSpec(backbone, null, RpnSpec.singleLevel(), RoiHeadsSpec.detectron(),
        InferenceSpec.detectron(), numClasses, MaskHeadSpec.detectron());
  }

  /**
   * The paper's normalized models (§3, "GN/SyncBN in the backbone, FPN and heads"): {@code norm} in the
   * backbone, the FPN (if any), the box head (a {@link dev.rethink.dsl.model.detection.ConvFc} keeps its widths, a 2fc head becomes the paper's
   * 4conv1fc) and the mask head.
   */
  public MaskRcnnSpec withNormEverywhere(NormSpec norm) {
    return new MaskRcnnSpec(backbone.withNorm(norm), fpn == null ? null : fpn.withNorm(norm),
        rpn, DetectorChecks.normalizedRoiHeads(roiHeads, norm), inference, numClasses, maskHead.withNorm(norm));
  }

  @Override
  public MaskRcnnSpec withBackbone(BackboneSpec b) {
    return new MaskRcnnSpec(b, fpn, rpn, roiHeads, inference, numClasses, maskHead);
  }

  public MaskRcnnSpec withFpn(FpnSpec f) {
    return new MaskRcnnSpec(backbone, f, rpn, roiHeads, inference, numClasses, maskHead);
  }

  public MaskRcnnSpec withRpn(RpnSpec r) {
    return new MaskRcnnSpec(backbone, fpn, r, roiHeads, inference, numClasses, maskHead);
  }

  public MaskRcnnSpec withRoiHeads(RoiHeadsSpec r) {
    return new MaskRcnnSpec(backbone, fpn, rpn, r, inference, numClasses, maskHead);
  }

  public MaskRcnnSpec withInference(InferenceSpec i) {
    return new MaskRcnnSpec(backbone, fpn, rpn, roiHeads, i, numClasses, maskHead);
  }

  public MaskRcnnSpec withNumClasses(int n) {
    return new MaskRcnnSpec(backbone, fpn, rpn, roiHeads, inference, n, maskHead);
  }

  public MaskRcnnSpec withMaskHead(MaskHeadSpec h) {
    return new MaskRcnnSpec(backbone, fpn, rpn, roiHeads, inference, numClasses, h);
  }

  @Override
  public Map<String, NormSpec> norms() {
    Map<String, NormSpec> norms = new LinkedHashMap<>(DetectorChecks.norms(backbone, fpn, roiHeads));
    norms.put("maskHead.norm", maskHead.norm());
    return Collections.unmodifiableMap(norms);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.maskRcnn(this);
  }
}
