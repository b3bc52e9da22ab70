package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Map;

/**
 * The Fast R-CNN part of the detector, one box stage (Detectron2's {@code StandardROIHeads} with its box head): proposals
 * (plus the ground-truth boxes) are matched to ground truth at one IoU threshold, a balanced sample of RoIs per
 * image is pooled with RoIAlign, and the box head feeds a softmax classifier over {@code numClasses + 1} classes
 * and a box regressor.
 *
 * @param boxHead layers between the pooled features and the predictor
 * @param pooler RoIAlign of the box head
 * @param roisPerImage RoIs sampled per image
 * @param foregroundFraction at most this fraction of the sample is foreground
 * @param foregroundIou RoIs with IoU ≥ this are foreground, the rest background
 * @param appendGroundTruth add the ground-truth boxes to the proposals before sampling
 * @param boxCoderWeights weights of the box encoding
 * @param classSpecificRegression one box regression per class (else one shared)
 * @param smoothL1Beta smooth-L1 transition point of the box loss; 0 gives L1 (Detectron2's default)
 */
public record StandardRoiHeads(BoxHeadSpec boxHead, RoiAlignSpec pooler, int roisPerImage,
    double foregroundFraction, double foregroundIou, boolean appendGroundTruth, BoxCoderWeights boxCoderWeights,
    boolean classSpecificRegression, double smoothL1Beta) implements RoiHeadsSpec {

  /** Detectron2 {@code ROI_HEADS.BATCH_SIZE_PER_IMAGE = 512}. */
  public static final int ROIS_PER_IMAGE = 512;
  /** Detectron2 {@code ROI_HEADS.POSITIVE_FRACTION = 0.25} (Fast R-CNN paper, §2.3: 25%). */
  public static final double FOREGROUND_FRACTION = 0.25;
  /** Detectron2 {@code ROI_HEADS.IOU_THRESHOLDS = [0.5]}. */
  public static final double FOREGROUND_IOU = 0.5;
  /** Detectron2 {@code ROI_HEADS.PROPOSAL_APPEND_GT = True}. */
  public static final boolean APPEND_GROUND_TRUTH = true;
  /** Detectron2 {@code ROI_BOX_HEAD.CLS_AGNOSTIC_BBOX_REG = False}. */
  public static final boolean CLASS_SPECIFIC_REGRESSION = true;
  /** Detectron2 {@code ROI_BOX_HEAD.SMOOTH_L1_BETA = 0.0} (L1); Detectron used smooth L1 with beta 1. */
  public static final double SMOOTH_L1_BETA = 0.0;

  public StandardRoiHeads {
    require(boxHead != null, "roiHeads.boxHead", "is required (hint: new TwoFc(), ConvFc.gn())");
    require(pooler != null, "roiHeads.pooler", "is required (hint: RoiAlignSpec.box())");
    require(roisPerImage >= 1, "roiHeads.roisPerImage", "must be >= 1, was " + roisPerImage);
    require(foregroundFraction > 0 && foregroundFraction <= 1, "roiHeads.foregroundFraction",
        "must be in (0, 1], was " + foregroundFraction);
    require(foregroundIou > 0 && foregroundIou <= 1, "roiHeads.foregroundIou", "must be in (0, 1], was "
        + foregroundIou);
    require(boxCoderWeights != null, "roiHeads.boxCoderWeights", "is required (hint: BoxCoderWeights.ROI_HEADS)");
    require(smoothL1Beta >= 0, "roiHeads.smoothL1Beta", "must be >= 0 (0 = L1), was " + smoothL1Beta);
  }

  /** Detectron2's RoI heads with the given box head. */
  public static StandardRoiHeads of(BoxHeadSpec boxHead) {
    return new StandardRoiHeads(boxHead, RoiAlignSpec.box(), ROIS_PER_IMAGE, FOREGROUND_FRACTION, FOREGROUND_IOU,
        APPEND_GROUND_TRUTH, BoxCoderWeights.ROI_HEADS, CLASS_SPECIFIC_REGRESSION, SMOOTH_L1_BETA);
  }

  /** Detectron2's default: the 2fc head. */
  public static StandardRoiHeads detectron() {
    return of(new TwoFc());
  }

  @Override
  public StandardRoiHeads withBoxHead(BoxHeadSpec h) {
    return new StandardRoiHeads(h, pooler, roisPerImage, foregroundFraction, foregroundIou, appendGroundTruth,
        boxCoderWeights, classSpecificRegression, smoothL1Beta);
  }

  public StandardRoiHeads withPooler(RoiAlignSpec p) {
    return new StandardRoiHeads(boxHead, p, roisPerImage, foregroundFraction, foregroundIou, appendGroundTruth,
        boxCoderWeights, classSpecificRegression, smoothL1Beta);
  }

  @Override
  public StandardRoiHeads withRoisPerImage(int n) {
    return new StandardRoiHeads(boxHead, pooler, n, foregroundFraction, foregroundIou, appendGroundTruth,
        boxCoderWeights, classSpecificRegression, smoothL1Beta);
  }

  public StandardRoiHeads withClassSpecificRegression(boolean b) {
    return new StandardRoiHeads(boxHead, pooler, roisPerImage, foregroundFraction, foregroundIou, appendGroundTruth,
        boxCoderWeights, b, smoothL1Beta);
  }

  public StandardRoiHeads withSmoothL1Beta(double beta) {
    return new StandardRoiHeads(boxHead, pooler, roisPerImage, foregroundFraction, foregroundIou, appendGroundTruth,
        boxCoderWeights, classSpecificRegression, beta);
  }

  /** The box head normalized by {@code norm} ({@link BoxHeadSpec#normalized}: a 2fc head becomes 4conv1fc). */
  @Override
  public StandardRoiHeads withNorm(NormSpec norm) {
    return withBoxHead(boxHead.normalized(norm));
  }

  @Override
  public Map<String, NormSpec> norms() {
    return boxHead.normSite().map(n -> Map.of("roiHeads.boxHead.norm", n)).orElse(Map.of());
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.standard(this);
  }

  /** The largest number of foreground RoIs sampled per image. */
  @JsonIgnore
  public int maxForeground() {
    return (int) (roisPerImage * foregroundFraction);
  }
}
