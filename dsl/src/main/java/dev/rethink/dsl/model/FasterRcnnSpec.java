package dev.rethink.dsl.model;

import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faster R-CNN (Ren et al., 2015): RPN and Fast R-CNN box heads, over FPN (Lin et al., 2017) or one feature map.
 *
 * @param backbone feature extractor
 * @param fpn feature pyramid over res2…res5, or {@code null} to run the RPN and RoI heads on the last backbone
 *     stage (the paper's VGG-16 Faster R-CNN: conv5, stride 16)
 * @param rpn region proposal network
 * @param roiHeads Fast R-CNN box heads
 * @param inference post-processing
 * @param numClasses foreground classes (background excluded)
 */
public record FasterRcnnSpec(BackboneSpec backbone, FpnSpec fpn, RpnSpec rpn, RoiHeadsSpec roiHeads,
    InferenceSpec inference, int numClasses) implements DetectorSpec {

  public FasterRcnnSpec {
    if (SpecParts.checkNow()) {
      DetectorChecks.check(backbone, fpn, rpn, roiHeads, inference, numClasses);
    }
  }

  /** Over FPN with Detectron2's defaults (2fc box head, no norm in the FPN and heads). */
  public static FasterRcnnSpec fpn(BackboneSpec backbone, int numClasses) {
    return new FasterRcnnSpec(backbone, FpnSpec.detectron(), RpnSpec.fpn(), RoiHeadsSpec.detectron(),
        InferenceSpec.detectron(), numClasses);
  }

  /** On the backbone's last stage, without FPN, with Detectron2's single-feature-map RPN. */
  public static FasterRcnnSpec singleLevel(BackboneSpec backbone, int numClasses) {
    return new FasterRcnnSpec(backbone, null, RpnSpec.singleLevel(), RoiHeadsSpec.detectron(),
        InferenceSpec.detectron(), numClasses);
  }

  /**
   * The paper's normalized models (§3, "GN/SyncBN in the backbone, FPN and heads"): {@code norm} in the
   * backbone, the FPN (if any), the box head (a {@link dev.rethink.dsl.model.detection.ConvFc} keeps its widths, a 2fc head becomes the paper's
   * 4conv1fc).
   */
  public FasterRcnnSpec withNormEverywhere(NormSpec norm) {
    return new FasterRcnnSpec(backbone.withNorm(norm), fpn == null ? null : fpn.withNorm(norm),
        rpn, DetectorChecks.normalizedRoiHeads(roiHeads, norm), inference, numClasses);
  }

  @Override
  public FasterRcnnSpec withBackbone(BackboneSpec b) {
    return new FasterRcnnSpec(b, fpn, rpn, roiHeads, inference, numClasses);
  }

  public FasterRcnnSpec withFpn(FpnSpec f) {
    return new FasterRcnnSpec(backbone, f, rpn, roiHeads, inference, numClasses);
  }

  public FasterRcnnSpec withRpn(RpnSpec r) {
    return new FasterRcnnSpec(backbone, fpn, r, roiHeads, inference, numClasses);
  }

  public FasterRcnnSpec withRoiHeads(RoiHeadsSpec r) {
    return new FasterRcnnSpec(backbone, fpn, rpn, r, inference, numClasses);
  }

  public FasterRcnnSpec withInference(InferenceSpec i) {
    return new FasterRcnnSpec(backbone, fpn, rpn, roiHeads, i, numClasses);
  }

  public FasterRcnnSpec withNumClasses(int n) {
    return new FasterRcnnSpec(backbone, fpn, rpn, roiHeads, inference, n);
  }

  @Override
  public Map<String, NormSpec> norms() {
    Map<String, NormSpec> norms = new LinkedHashMap<>(DetectorChecks.norms(backbone, fpn, roiHeads));
    return Collections.unmodifiableMap(norms);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.fasterRcnn(this);
  }
}
