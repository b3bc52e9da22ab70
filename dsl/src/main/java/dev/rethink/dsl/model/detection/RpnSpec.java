package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.SpecParts;
import java.util.List;

/**
 * Region Proposal Network (Faster R-CNN paper, §3.1): a 3×3 conv and two sibling 1×1 convs (objectness, box
 * deltas) shared over levels, anchors matched to ground truth by IoU, a balanced sample of anchors per image for
 * the loss, and proposals selected by top-k and NMS. With FPN the anchor sizes are one per level P2…P6; without
 * FPN every size sits on the one feature map.
 *
 * @param anchorSizes anchor side {@code sqrt(area)} in pixels; with FPN one per level P2…P6
 * @param aspectRatios anchor height / width
 * @param positiveIou anchors with IoU ≥ this with some ground truth are foreground
 * @param negativeIou anchors with IoU &lt; this with every ground truth are background; in between is ignored
 * @param anchorsPerImage anchors sampled per image for the loss
 * @param positiveFraction at most this fraction of the sample is foreground
 * @param train proposal limits while training
 * @param test proposal limits at inference
 * @param nmsIou NMS IoU threshold on proposals (per level)
 * @param smoothL1Beta smooth-L1 transition point of the box loss; 0 gives the L1 loss (Detectron2's default)
 * @param minBoxSize proposals with a side below this (pixels) are removed
 */
public record RpnSpec(List<Double> anchorSizes, List<Double> aspectRatios, double positiveIou, double negativeIou,
    int anchorsPerImage, double positiveFraction, ProposalLimits train, ProposalLimits test, double nmsIou,
    double smoothL1Beta, double minBoxSize) {

  /** One anchor size per FPN level P2…P6: Detectron2 {@code Base-RCNN-FPN.yaml} {@code ANCHOR_GENERATOR.SIZES}. */
  public static final List<Double> FPN_ANCHOR_SIZES = List.of(32.0, 64.0, 128.0, 256.0, 512.0);
  /** Detectron2 {@code ANCHOR_GENERATOR.ASPECT_RATIOS = [[0.5, 1.0, 2.0]]} (Faster R-CNN paper, §3.1.1). */
  public static final List<Double> ASPECT_RATIOS = List.of(0.5, 1.0, 2.0);
  /** Detectron2 {@code RPN.IOU_THRESHOLDS = [0.3, 0.7]} (Faster R-CNN paper, §3.1.2): foreground at ≥ 0.7. */
  public static final double POSITIVE_IOU = 0.7;
  /** Background below 0.3 (same source). */
  public static final double NEGATIVE_IOU = 0.3;
  /** Detectron2 {@code RPN.BATCH_SIZE_PER_IMAGE = 256} (Faster R-CNN paper, §3.1.3). */
  public static final int ANCHORS_PER_IMAGE = 256;
  /** Detectron2 {@code RPN.POSITIVE_FRACTION = 0.5}: "up to 1:1" (Faster R-CNN paper, §3.1.3). */
  public static final double POSITIVE_FRACTION = 0.5;
  /** Detectron2 {@code Base-RCNN-FPN.yaml}: pre-NMS top 2000 per level, post-NMS top 1000 per image, training. */
  public static final ProposalLimits FPN_TRAIN = new ProposalLimits(2000, 1000);
  /** Detectron2 {@code Base-RCNN-FPN.yaml}: pre-NMS top 1000 per level, post-NMS top 1000 per image, inference. */
  public static final ProposalLimits FPN_TEST = new ProposalLimits(1000, 1000);
  /** Detectron2 {@code config/defaults.py} single-feature-map RPN: 12000 / 2000 in training. */
  public static final ProposalLimits SINGLE_LEVEL_TRAIN = new ProposalLimits(12000, 2000);
  /** Detectron2 {@code config/defaults.py} single-feature-map RPN: 6000 / 1000 at inference. */
  public static final ProposalLimits SINGLE_LEVEL_TEST = new ProposalLimits(6000, 1000);
  /** Detectron2 {@code RPN.NMS_THRESH = 0.7}. */
  public static final double NMS_IOU = 0.7;
  /**
   * Detectron2 {@code RPN.SMOOTH_L1_BETA = 0.0}, i.e. an L1 loss; Detectron (the paper's code) used smooth L1
   * with beta 1/9.
   */
  public static final double SMOOTH_L1_BETA = 0.0;
  /** Detectron2 {@code PROPOSAL_GENERATOR.MIN_SIZE = 0}. */
  public static final double MIN_BOX_SIZE = 0.0;

  public RpnSpec {
    if (SpecParts.checkNow()) {
      require(anchorSizes != null && !anchorSizes.isEmpty(), "anchorSizes", "needs at least one size");
      for (double s : anchorSizes) {
        require(s > 0, "anchorSizes", "every size must be > 0, was " + anchorSizes);
      }
      require(aspectRatios != null && !aspectRatios.isEmpty(), "aspectRatios", "needs at least one ratio");
      for (double r : aspectRatios) {
        require(r > 0, "aspectRatios", "every ratio must be > 0, was " + aspectRatios);
      }
      require(positiveIou > 0 && positiveIou <= 1, "positiveIou", "must be in (0, 1], was " + positiveIou);
      require(negativeIou >= 0 && negativeIou <= positiveIou, "negativeIou", "must be in [0, positiveIou="
          + positiveIou + "], was " + negativeIou);
      require(anchorsPerImage >= 1, "anchorsPerImage", "must be >= 1, was " + anchorsPerImage);
      require(positiveFraction > 0 && positiveFraction <= 1, "positiveFraction", "must be in (0, 1], was "
          + positiveFraction);
      require(train != null, "train", "is required (hint: RpnSpec.FPN_TRAIN)");
      require(test != null, "test", "is required (hint: RpnSpec.FPN_TEST)");
      require(nmsIou > 0 && nmsIou <= 1, "nmsIou", "must be in (0, 1], was " + nmsIou);
      require(smoothL1Beta >= 0, "smoothL1Beta", "must be >= 0 (0 = L1), was " + smoothL1Beta);
      require(minBoxSize >= 0, "minBoxSize", "must be >= 0, was " + minBoxSize);
    }
    anchorSizes = anchorSizes == null ? null : List.copyOf(anchorSizes);
    aspectRatios = aspectRatios == null ? null : List.copyOf(aspectRatios);
  }


  /** Detectron2's RPN over FPN levels P2…P6 ({@code Base-RCNN-FPN.yaml}). */
  public static RpnSpec fpn() {
    return new RpnSpec(FPN_ANCHOR_SIZES, ASPECT_RATIOS, POSITIVE_IOU, NEGATIVE_IOU, ANCHORS_PER_IMAGE,
        POSITIVE_FRACTION, FPN_TRAIN, FPN_TEST, NMS_IOU, SMOOTH_L1_BETA, MIN_BOX_SIZE);
  }

  /**
   * Detectron2's RPN on one feature map (e.g. VGG-16 conv5, stride 16): all five sizes × three ratios at every
   * position, 12000/2000 proposals in training, 6000/1000 at inference.
   */
  public static RpnSpec singleLevel() {
    return new RpnSpec(FPN_ANCHOR_SIZES, ASPECT_RATIOS, POSITIVE_IOU, NEGATIVE_IOU, ANCHORS_PER_IMAGE,
        POSITIVE_FRACTION, SINGLE_LEVEL_TRAIN, SINGLE_LEVEL_TEST, NMS_IOU, SMOOTH_L1_BETA, MIN_BOX_SIZE);
  }

  public RpnSpec withAnchorSizes(List<Double> sizes) {
    return new RpnSpec(sizes, aspectRatios, positiveIou, negativeIou, anchorsPerImage, positiveFraction, train,
        test, nmsIou, smoothL1Beta, minBoxSize);
  }

  public RpnSpec withAnchorsPerImage(int n) {
    return new RpnSpec(anchorSizes, aspectRatios, positiveIou, negativeIou, n, positiveFraction, train, test,
        nmsIou, smoothL1Beta, minBoxSize);
  }

  public RpnSpec withLimits(ProposalLimits trainLimits, ProposalLimits testLimits) {
    return new RpnSpec(anchorSizes, aspectRatios, positiveIou, negativeIou, anchorsPerImage, positiveFraction,
        trainLimits, testLimits, nmsIou, smoothL1Beta, minBoxSize);
  }

  public RpnSpec withSmoothL1Beta(double beta) {
    return new RpnSpec(anchorSizes, aspectRatios, positiveIou, negativeIou, anchorsPerImage, positiveFraction,
        train, test, nmsIou, beta, minBoxSize);
  }

  /** Anchors per position on a level: sizes × ratios with one level, ratios with FPN (one size per level). */
  public int anchorsPerPosition(boolean fpn) {
    return fpn ? aspectRatios.size() : aspectRatios.size() * anchorSizes.size();
  }

  /** The largest number of foreground anchors sampled per image. */
  @JsonIgnore
  public int maxPositives() {
    return (int) (anchorsPerImage * positiveFraction);
  }
}
