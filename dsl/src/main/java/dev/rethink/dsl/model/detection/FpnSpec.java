package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;
import java.util.List;

/**
 * Feature Pyramid Network (Lin et al., 2017) over the backbone's res2…res5: a 1×1 lateral conv per stage, top-down
 * nearest-neighbour ×2 upsampling and sum, a 3×3 output conv per level, giving P2…P5; P6 is P5 subsampled by a
 * stride-2 max-pool of kernel 1 (Detectron2's {@code LastLevelMaxPool}, Detectron's {@code FPN.EXTRA_CONV_LEVELS
 * False}), used by the RPN only.
 *
 * @param outChannels width of every pyramid level (and of the lateral convs)
 * @param norm normalization after each lateral and output conv ({@link NoNorm}: convs with bias, Detectron2's
 *     {@code FPN.NORM ""}); the paper's GN models put GN there
 */
public record FpnSpec(int outChannels, NormSpec norm) {
  /** Pyramid width: Detectron2 {@code MODEL.FPN.OUT_CHANNELS = 256}, Detectron {@code FPN.DIM = 256}. */
  public static final int DEFAULT_OUT_CHANNELS = 256;
  /** Levels the RPN runs on, P2…P6 (Detectron2 {@code Base-RCNN-FPN.yaml}: {@code RPN.IN_FEATURES}). */
  public static final List<Integer> RPN_LEVELS = List.of(2, 3, 4, 5, 6);
  /** Levels the RoI heads pool from, P2…P5 (Detectron2 {@code ROI_HEADS.IN_FEATURES}). */
  public static final List<Integer> ROI_LEVELS = List.of(2, 3, 4, 5);
  /** Strides of the backbone stages FPN consumes (res2…res5). */
  public static final List<Integer> INPUT_STRIDES = List.of(4, 8, 16, 32);

  public FpnSpec {
    if (SpecParts.checkNow()) {
      require(outChannels >= 1, "outChannels", "must be >= 1, was " + outChannels);
      require(norm != null, "norm", "is required (hint: new NoNorm(), new GroupNorm(32))");
      norm.checkChannels("norm", "the FPN lateral/output convs (outChannels)", outChannels);
    }
  }

  /** Detectron2's FPN: 256 channels, no norm. */
  public static FpnSpec detectron() {
    return new FpnSpec(DEFAULT_OUT_CHANNELS, new NoNorm());
  }

  public FpnSpec withOutChannels(int c) {
    return new FpnSpec(c, norm);
  }

  public FpnSpec withNorm(NormSpec n) {
    return new FpnSpec(outChannels, n);
  }
}
