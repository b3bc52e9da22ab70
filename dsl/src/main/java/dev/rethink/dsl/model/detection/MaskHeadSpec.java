package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;

/**
 * The Mask R-CNN mask head (Mask R-CNN paper, Fig. 4 right; Detectron2 {@code MaskRCNNConvUpsampleHead}): RoIAlign
 * on the foreground RoIs, {@code convs} 3×3 convs with the norm and ReLU, a 2×2 stride-2 deconv with ReLU, and a
 * 1×1 conv predicting one mask logit map per class ({@code 2 × pooler.resolution} square, 28×28 by default),
 * trained with a per-pixel sigmoid BCE on the ground-truth class's map.
 *
 * @param convs number of 3×3 convs
 * @param convDim their width (and the deconv's)
 * @param norm normalization after each conv
 * @param pooler RoIAlign of the mask head
 * @param classSpecific one mask per class (else one shared)
 */
public record MaskHeadSpec(int convs, int convDim, NormSpec norm, RoiAlignSpec pooler, boolean classSpecific)
    implements InstanceHeadSpec {
  /** Detectron2 {@code Base-RCNN-FPN.yaml} {@code ROI_MASK_HEAD.NUM_CONV: 4}. */
  public static final int CONVS = 4;
  /** Detectron2 {@code ROI_MASK_HEAD.CONV_DIM = 256}. */
  public static final int CONV_DIM = 256;
  /** Detectron2 {@code ROI_MASK_HEAD.CLS_AGNOSTIC_MASK = False}. */
  public static final boolean CLASS_SPECIFIC = true;
  /** Masks are binarized at 0.5 both as targets and when pasted (Detectron2 {@code paste_masks_in_image}). */
  public static final double MASK_THRESHOLD = 0.5;

  public MaskHeadSpec {
    require(convs >= 0, "maskHead.convs", "must be >= 0, was " + convs);
    require(convDim >= 1, "maskHead.convDim", "must be >= 1, was " + convDim);
    require(norm != null, "maskHead.norm", "is required (hint: new NoNorm(), new GroupNorm(32))");
    require(pooler != null, "maskHead.pooler", "is required (hint: RoiAlignSpec.mask())");
    norm.checkChannels("maskHead.norm", "the mask-head convs (maskHead.convDim)", convDim);
  }

  /** Detectron2's mask head: 4 × 256 convs without norm, 14×14 pooling, 28×28 class-specific masks. */
  public static MaskHeadSpec detectron() {
    return new MaskHeadSpec(CONVS, CONV_DIM, new NoNorm(), RoiAlignSpec.mask(), CLASS_SPECIFIC);
  }

  @Override
  public MaskHeadSpec withNorm(NormSpec n) {
    return new MaskHeadSpec(convs, convDim, n, pooler, classSpecific);
  }

  public MaskHeadSpec withConvDim(int d) {
    return new MaskHeadSpec(convs, d, norm, pooler, classSpecific);
  }

  public MaskHeadSpec withPooler(RoiAlignSpec p) {
    return new MaskHeadSpec(convs, convDim, norm, p, classSpecific);
  }

  /** Side of the predicted masks: the deconv doubles the pooled resolution (14 → 28). */
  @JsonIgnore
  public int maskResolution() {
    return 2 * pooler.resolution();
  }

  @Override
  @JsonIgnore
  public IouType iouType() {
    return IouType.SEGM;
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.mask(this);
  }
}
