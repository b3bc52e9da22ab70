package dev.rethink.dsl.model;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rules every detector shares, checked once. */
final class DetectorChecks {
  private DetectorChecks() {}

  static void check(BackboneSpec backbone, FpnSpec fpn, RpnSpec rpn, RoiHeadsSpec roiHeads, InferenceSpec inference,
      int numClasses) {
    require(backbone != null, "backbone", "is required (hint: ResNetSpec.of(50), VggSpec.of(16))");
    require(rpn != null, "rpn", "is required (hint: RpnSpec.fpn(), or RpnSpec.singleLevel() without FPN)");
    require(roiHeads != null, "roiHeads", "is required (hint: RoiHeadsSpec.detectron())");
    require(inference != null, "inference", "is required (hint: InferenceSpec.detectron())");
    require(numClasses >= 1, "numClasses", "must be >= 1 (foreground classes, background excluded), was "
        + numClasses);
    if (fpn != null) {
      List<BackboneSpec.Stage> stages = backbone.stages();
      List<Integer> lastStrides = stages.subList(Math.max(0, stages.size() - 4), stages.size()).stream()
          .map(BackboneSpec.Stage::stride).toList();
      require(lastStrides.equals(FpnSpec.INPUT_STRIDES), "fpn", "needs the backbone's last four stages at strides "
          + FpnSpec.INPUT_STRIDES + ", " + backbone + " has " + lastStrides
          + " (hint: use a ResNet backbone, or fpn null for VGG-16 as in the paper's no-BN experiment)");
      require(rpn.anchorSizes().size() == FpnSpec.RPN_LEVELS.size(), "rpn.anchorSizes", "with FPN needs one size"
          + " per level P2…P6 (" + FpnSpec.RPN_LEVELS.size() + "), was " + rpn.anchorSizes()
          + " (hint: RpnSpec.FPN_ANCHOR_SIZES)");
    }
  }

  static Map<String, NormSpec> norms(BackboneSpec backbone, FpnSpec fpn, RoiHeadsSpec roiHeads) {
    Map<String, NormSpec> out = new LinkedHashMap<>();
    out.put("backbone.norm", backbone.norm());
    if (fpn != null) {
      out.put("fpn.norm", fpn.norm());
    }
    roiHeads.boxHead().normSite().ifPresent(n -> out.put("roiHeads.boxHead.norm", n));
    return out;
  }

  /** The RoI heads with {@code norm} in the box head: a ConvFc head keeps its widths, 2fc becomes 4conv1fc. */
  static RoiHeadsSpec normalizedRoiHeads(RoiHeadsSpec heads, NormSpec norm) {
    return heads.withBoxHead(heads.boxHead() instanceof ConvFc c ? c.withNorm(norm) : ConvFc.fourConvOneFc(norm));
  }
}
