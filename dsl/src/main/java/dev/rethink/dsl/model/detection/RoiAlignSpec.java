package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * RoIAlign (Mask R-CNN paper, §3) with the "aligned" half-pixel convention (Detectron2's {@code ROIAlignV2}):
 * each of the {@code resolution × resolution} bins averages {@code samplingRatio²} bilinear samples at regular
 * positions inside it.
 *
 * @param resolution output side
 * @param samplingRatio samples per bin side; fixed (Detectron2's adaptive 0 needs data-dependent shapes)
 */
public record RoiAlignSpec(int resolution, int samplingRatio) {
  /** Samples per bin side: Detectron's FPN configs, {@code ROI_XFORM_SAMPLING_RATIO: 2}. */
  public static final int DETECTRON_SAMPLING_RATIO = 2;
  /** Box-head pooling, 7×7: Detectron2 {@code Base-RCNN-FPN.yaml} {@code ROI_BOX_HEAD.POOLER_RESOLUTION}. */
  public static final int BOX_RESOLUTION = 7;
  /** Mask/keypoint-head pooling, 14×14: Detectron2 {@code ROI_MASK_HEAD.POOLER_RESOLUTION}. */
  public static final int MASK_RESOLUTION = 14;

  public RoiAlignSpec {
    if (SpecParts.checkNow()) {
      require(resolution >= 1, "resolution", "must be >= 1, was " + resolution);
      require(samplingRatio >= 1, "samplingRatio", "must be >= 1 (adaptive sampling is not supported), was "
          + samplingRatio);
    }
  }

  /** The box head's pooler: 7×7, 2 samples per bin side. */
  public static RoiAlignSpec box() {
    return new RoiAlignSpec(BOX_RESOLUTION, DETECTRON_SAMPLING_RATIO);
  }

  /** The mask / keypoint heads' pooler: 14×14, 2 samples per bin side. */
  public static RoiAlignSpec mask() {
    return new RoiAlignSpec(MASK_RESOLUTION, DETECTRON_SAMPLING_RATIO);
  }
}
