package dev.rethink.dsl.model;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keypoint R-CNN (Mask R-CNN paper, §5): Faster R-CNN plus a keypoint heatmap head on the foreground RoIs
 * (usually {@code numClasses = 1}, person).
 *
 * @param backbone feature extractor
 * @param fpn feature pyramid over res2…res5, or {@code null} to run the RPN and RoI heads on the last backbone
 *     stage (the paper's VGG-16 Faster R-CNN: conv5, stride 16)
 * @param rpn region proposal network
 * @param roiHeads Fast R-CNN box heads
 * @param inference post-processing
 * @param numClasses foreground classes (background excluded)
 * @param keypointHead keypoint head
 */
public record KeypointRcnnSpec(BackboneSpec backbone, FpnSpec fpn, RpnSpec rpn, RoiHeadsSpec roiHeads,
    InferenceSpec inference, int numClasses, KeypointHeadSpec keypointHead) implements DetectorSpec {

  public KeypointRcnnSpec {
    if (SpecParts.checkNow()) {
      DetectorChecks.check(backbone, fpn, rpn, roiHeads, inference, numClasses);
      require(keypointHead != null, "keypointHead", "is required (hint: KeypointHeadSpec.detectron())");
    }
  }

  /** Over FPN with Detectron2's defaults (2fc box head, no norm in the FPN and heads). */
  public static KeypointRcnnSpec fpn(BackboneSpec backbone, int numClasses) {
    return new KeypointRcnnSpec(backbone, FpnSpec.detectron(), RpnSpec.fpn(), RoiHeadsSpec.detectron(),
        InferenceSpec.detectron(), numClasses, KeypointHeadSpec.detectron());
  }

  /** On the backbone's last stage, without FPN, with Detectron2's single-feature-map RPN. */
  public static KeypointRcnnSpec singleLevel(BackboneSpec backbone, int numClasses) {
    return new KeypointRcnnSpec(backbone, null, RpnSpec.singleLevel(), RoiHeadsSpec.detectron(),
        InferenceSpec.detectron(), numClasses, KeypointHeadSpec.detectron());
  }

  /**
   * The paper's normalized models (§3, "GN/SyncBN in the backbone, FPN and heads"): {@code norm} in the
   * backbone, the FPN (if any), the box head (a {@link dev.rethink.dsl.model.detection.ConvFc} keeps its widths, a 2fc head becomes the paper's
   * 4conv1fc) and the keypoint head.
   */
  public KeypointRcnnSpec withNormEverywhere(NormSpec norm) {
    return new KeypointRcnnSpec(backbone.withNorm(norm), fpn == null ? null : fpn.withNorm(norm),
        rpn, DetectorChecks.normalizedRoiHeads(roiHeads, norm), inference, numClasses,
        keypointHead.withNorm(norm));
  }

  @Override
  public KeypointRcnnSpec withBackbone(BackboneSpec b) {
    return new KeypointRcnnSpec(b, fpn, rpn, roiHeads, inference, numClasses, keypointHead);
  }

  public KeypointRcnnSpec withFpn(FpnSpec f) {
    return new KeypointRcnnSpec(backbone, f, rpn, roiHeads, inference, numClasses, keypointHead);
  }

  public KeypointRcnnSpec withRpn(RpnSpec r) {
    return new KeypointRcnnSpec(backbone, fpn, r, roiHeads, inference, numClasses, keypointHead);
  }

  public KeypointRcnnSpec withRoiHeads(RoiHeadsSpec r) {
    return new KeypointRcnnSpec(backbone, fpn, rpn, r, inference, numClasses, keypointHead);
  }

  public KeypointRcnnSpec withInference(InferenceSpec i) {
    return new KeypointRcnnSpec(backbone, fpn, rpn, roiHeads, i, numClasses, keypointHead);
  }

  public KeypointRcnnSpec withNumClasses(int n) {
    return new KeypointRcnnSpec(backbone, fpn, rpn, roiHeads, inference, n, keypointHead);
  }

  public KeypointRcnnSpec withKeypointHead(KeypointHeadSpec h) {
    return new KeypointRcnnSpec(backbone, fpn, rpn, roiHeads, inference, numClasses, h);
  }

  @Override
  public Map<String, NormSpec> norms() {
    Map<String, NormSpec> norms = new LinkedHashMap<>(DetectorChecks.norms(backbone, fpn, roiHeads));
    norms.put("keypointHead.norm", keypointHead.norm());
    return Collections.unmodifiableMap(norms);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.keypointRcnn(this);
  }
}
