package dev.rethink.dsl.model;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.InstanceHeadSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An R-CNN detector, one record for the whole family (Detectron2's {@code GeneralizedRCNN}): backbone, optional FPN,
 * RPN, RoI heads, inference post-processing, and optional instance heads on the foreground RoIs — none gives Faster
 * R-CNN (Ren et al., 2015), a mask head Mask R-CNN (He et al., 2017, the paper's main detector), a keypoint head
 * Keypoint R-CNN (Mask R-CNN paper, §5). Without FPN (the paper's VGG-16 Faster R-CNN) the RPN runs on the
 * backbone's last stage and the RoI heads pool from it.
 *
 * <p>JSON: {@code "type": "Rcnn"}; the former {@code FasterRcnn}, {@code MaskRcnn} and {@code KeypointRcnn} names
 * read into this record (their fields are this record's), so run directories written before still resume.
 *
 * @param backbone feature extractor
 * @param fpn feature pyramid over res2…res5, or {@code null} to run the RPN and RoI heads on the last backbone
 *     stage (the paper's VGG-16 Faster R-CNN: conv5, stride 16)
 * @param rpn region proposal network
 * @param roiHeads box stages (Fast R-CNN box heads)
 * @param inference post-processing
 * @param numClasses foreground classes, background excluded (Detectron2's {@code ROI_HEADS.NUM_CLASSES}, 80 for
 *     COCO)
 * @param maskHead mask head, or {@code null} for none ({@link #mask()})
 * @param keypointHead keypoint head, or {@code null} for none ({@link #keypoint()})
 */
public record RcnnSpec(BackboneSpec backbone, FpnSpec fpn, RpnSpec rpn, RoiHeadsSpec roiHeads,
    InferenceSpec inference, int numClasses, @JsonInclude(JsonInclude.Include.NON_NULL) MaskHeadSpec maskHead,
    @JsonInclude(JsonInclude.Include.NON_NULL) KeypointHeadSpec keypointHead) implements ModelSpec {

  public RcnnSpec {
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

  /** Faster R-CNN over FPN with Detectron2's defaults (2fc box head, no norm in the FPN and heads). */
  public static RcnnSpec fasterFpn(BackboneSpec backbone, int numClasses) {
    return new RcnnSpec(backbone, FpnSpec.detectron(), RpnSpec.fpn(), RoiHeadsSpec.detectron(),
        InferenceSpec.detectron(), numClasses, null, null);
  }

  /** Mask R-CNN over FPN with Detectron2's defaults (and its mask head, {@link MaskHeadSpec#detectron()}). */
  public static RcnnSpec maskFpn(BackboneSpec backbone, int numClasses) {
    return fasterFpn(backbone, numClasses).withMaskHead(MaskHeadSpec.detectron());
  }

  /** Keypoint R-CNN over FPN with Detectron2's defaults (and its keypoint head, {@link KeypointHeadSpec#detectron()}). */
  public static RcnnSpec keypointFpn(BackboneSpec backbone, int numClasses) {
    return fasterFpn(backbone, numClasses).withKeypointHead(KeypointHeadSpec.detectron());
  }

  /** Faster R-CNN on the backbone's last stage, without FPN, with Detectron2's single-feature-map RPN. */
  public static RcnnSpec singleLevel(BackboneSpec backbone, int numClasses) {
    return new RcnnSpec(backbone, null, RpnSpec.singleLevel(), RoiHeadsSpec.detectron(), InferenceSpec.detectron(),
        numClasses, null, null);
  }

  /**
   * The paper's normalized models (§3, "GN/SyncBN in the backbone, FPN and heads"): {@code norm} in the backbone,
   * the FPN (if any), the box heads ({@link RoiHeadsSpec#withNorm}: a 4conv1fc head keeps its widths, a 2fc head
   * becomes the paper's 4conv1fc) and every instance head.
   */
  public RcnnSpec withNormEverywhere(NormSpec norm) {
    return new RcnnSpec(backbone.withNorm(norm), fpn == null ? null : fpn.withNorm(norm), rpn,
        roiHeads.withNorm(norm), inference, numClasses, maskHead == null ? null : maskHead.withNorm(norm),
        keypointHead == null ? null : keypointHead.withNorm(norm));
  }

  @Override
  public RcnnSpec withBackbone(BackboneSpec b) {
    return new RcnnSpec(b, fpn, rpn, roiHeads, inference, numClasses, maskHead, keypointHead);
  }

  /** Another pyramid; {@code null} for a single-level detector. */
  public RcnnSpec withFpn(FpnSpec f) {
    return new RcnnSpec(backbone, f, rpn, roiHeads, inference, numClasses, maskHead, keypointHead);
  }

  public RcnnSpec withRpn(RpnSpec r) {
    return new RcnnSpec(backbone, fpn, r, roiHeads, inference, numClasses, maskHead, keypointHead);
  }

  public RcnnSpec withRoiHeads(RoiHeadsSpec r) {
    return new RcnnSpec(backbone, fpn, rpn, r, inference, numClasses, maskHead, keypointHead);
  }

  public RcnnSpec withInference(InferenceSpec i) {
    return new RcnnSpec(backbone, fpn, rpn, roiHeads, i, numClasses, maskHead, keypointHead);
  }

  public RcnnSpec withNumClasses(int n) {
    return new RcnnSpec(backbone, fpn, rpn, roiHeads, inference, n, maskHead, keypointHead);
  }

  /** With a mask head ({@code null}: without). */
  public RcnnSpec withMaskHead(MaskHeadSpec h) {
    return new RcnnSpec(backbone, fpn, rpn, roiHeads, inference, numClasses, h, keypointHead);
  }

  /** With a keypoint head ({@code null}: without). */
  public RcnnSpec withKeypointHead(KeypointHeadSpec h) {
    return new RcnnSpec(backbone, fpn, rpn, roiHeads, inference, numClasses, maskHead, h);
  }

  /** The FPN, if any. */
  @JsonIgnore
  public Optional<FpnSpec> pyramid() {
    return Optional.ofNullable(fpn);
  }

  /** The mask head, if any. */
  @JsonIgnore
  public Optional<MaskHeadSpec> mask() {
    return Optional.ofNullable(maskHead);
  }

  /** The keypoint head, if any. */
  @JsonIgnore
  public Optional<KeypointHeadSpec> keypoint() {
    return Optional.ofNullable(keypointHead);
  }

  /**
   * The instance heads present, in the order they are built (mask, then keypoint): what lowerings, feeders, labels
   * and checks dispatch over, exhaustively, with {@link InstanceHeadSpec.Visitor}.
   */
  @JsonIgnore
  public List<InstanceHeadSpec> instanceHeads() {
    List<InstanceHeadSpec> heads = new ArrayList<>(2);
    mask().ifPresent(heads::add);
    keypoint().ifPresent(heads::add);
    return List.copyOf(heads);
  }

  /** What the detector predicts, as COCO evaluation types in enum order: {@code bbox}, plus each instance head's. */
  @JsonIgnore
  public List<IouType> iouTypes() {
    Set<IouType> out = EnumSet.of(IouType.BBOX);
    instanceHeads().forEach(h -> out.add(h.iouType()));
    return List.copyOf(out);
  }

  /** Channels of the features the RPN and RoI heads read: the FPN width, or the last backbone stage's. */
  @JsonIgnore
  public int featureChannels() {
    return fpn != null ? fpn.outChannels() : backbone.stages().get(backbone.stages().size() - 1).outChannels();
  }

  @Override
  public Map<String, NormSpec> norms() {
    Map<String, NormSpec> out = new LinkedHashMap<>();
    out.put("backbone.norm", backbone.norm());
    if (fpn != null) {
      out.put("fpn.norm", fpn.norm());
    }
    out.putAll(roiHeads.norms());
    mask().ifPresent(h -> out.put("maskHead.norm", h.norm()));
    keypoint().ifPresent(h -> out.put("keypointHead.norm", h.norm()));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.rcnn(this);
  }
}
