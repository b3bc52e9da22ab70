package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;

/**
 * The keypoint head (Mask R-CNN paper, §5; Detectron2 {@code KRCNNConvDeconvUpsampleHead}): RoIAlign on the
 * foreground RoIs, {@code convs} 3×3 convs with the norm and ReLU, a 4×4 stride-2 deconv to one logit map per
 * keypoint and a ×2 bilinear upsampling ({@code 4 × pooler.resolution} square, 56×56 by default), trained with a
 * softmax cross-entropy over the heatmap positions of each visible keypoint.
 *
 * @param convs number of 3×3 convs
 * @param convDim their width
 * @param norm normalization after each conv ({@link NoNorm} in Detectron2)
 * @param numKeypoints keypoints per instance
 * @param pooler RoIAlign of the keypoint head
 */
public record KeypointHeadSpec(int convs, int convDim, NormSpec norm, int numKeypoints, RoiAlignSpec pooler)
    implements InstanceHeadSpec {
  /** Detectron2 {@code ROI_KEYPOINT_HEAD.CONV_DIMS = (512,) * 8}: 8 convs. */
  public static final int CONVS = 8;
  /** 512 channels (same source). */
  public static final int CONV_DIM = 512;
  /** COCO person keypoints: Detectron2 {@code ROI_KEYPOINT_HEAD.NUM_KEYPOINTS = 17}. */
  public static final int COCO_KEYPOINTS = 17;

  public KeypointHeadSpec {
    require(convs >= 0, "keypointHead.convs", "must be >= 0, was " + convs);
    require(convDim >= 1, "keypointHead.convDim", "must be >= 1, was " + convDim);
    require(norm != null, "keypointHead.norm", "is required (hint: new NoNorm())");
    require(numKeypoints >= 1, "keypointHead.numKeypoints", "must be >= 1, was " + numKeypoints);
    require(pooler != null, "keypointHead.pooler", "is required (hint: RoiAlignSpec.mask())");
    norm.checkChannels("keypointHead.norm", "the keypoint-head convs (keypointHead.convDim)", convDim);
  }

  /** Detectron2's keypoint head: 8 × 512 convs, 17 keypoints, 14×14 pooling, 56×56 heatmaps. */
  public static KeypointHeadSpec detectron() {
    return new KeypointHeadSpec(CONVS, CONV_DIM, new NoNorm(), COCO_KEYPOINTS, RoiAlignSpec.mask());
  }

  @Override
  public KeypointHeadSpec withNorm(NormSpec n) {
    return new KeypointHeadSpec(convs, convDim, n, numKeypoints, pooler);
  }

  public KeypointHeadSpec withConvs(int n, int dim) {
    return new KeypointHeadSpec(n, dim, norm, numKeypoints, pooler);
  }

  public KeypointHeadSpec withPooler(RoiAlignSpec p) {
    return new KeypointHeadSpec(convs, convDim, norm, numKeypoints, p);
  }

  /** Side of the heatmaps: deconv ×2 then bilinear ×2 (14 → 56). */
  @JsonIgnore
  public int heatmapResolution() {
    return 4 * pooler.resolution();
  }

  @Override
  @JsonIgnore
  public IouType iouType() {
    return IouType.KEYPOINTS;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.keypoint(this);
  }
}
