package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * Detection input: training images are resized so their shorter side is {@code S}, drawn uniformly from the
 * integers in [{@code minShortSide}, {@code maxShortSide}] (scale augmentation when the range is not a single
 * size), unless the longer side would exceed {@code maxSize}, in which case the longer side becomes
 * {@code maxSize}; they are flipped horizontally at random when {@code horizontalFlip} (boxes, masks and keypoints
 * with them, left and right keypoints swapped). Evaluation images are resized with {@code S = testShortSide} and
 * never flipped. Pixels are normalized by the ImageNet mean and std, as the pre-trained backbones were, and each
 * batch is zero-padded to a common size that is a multiple of {@code sizeDivisibility}.
 */
public record DetectionInput(int minShortSide, int maxShortSide, int testShortSide, int maxSize,
    boolean horizontalFlip, int sizeDivisibility) implements InputSpec {

  /** Shorter side for training and testing (paper §4; Detectron2 {@code INPUT.MIN_SIZE_TRAIN/TEST = 800}). */
  public static final int DETECTRON_SHORT_SIDE = 800;

  /** Cap on the longer side (paper §4; Detectron2 {@code INPUT.MAX_SIZE_TRAIN/TEST = 1333}). */
  public static final int DETECTRON_MAX_SIZE = 1333;

  /** Lower end of the paper's "train aug" scale range [640, 800] (§5.1). */
  public static final int SCALE_AUGMENTATION_MIN_SHORT_SIDE = 640;

  /** Padding multiple for FPN's coarsest stride (Detectron2 {@code FPN size_divisibility = 32}). */
  public static final int FPN_SIZE_DIVISIBILITY = 32;

  public DetectionInput {
    if (SpecParts.checkNow()) {
      require(minShortSide >= 8, "minShortSide", "must be >= 8, was " + minShortSide);
      require(maxShortSide >= minShortSide, "maxShortSide", "must be >= minShortSide (" + minShortSide + "), was "
          + maxShortSide);
      require(testShortSide >= 8, "testShortSide", "must be >= 8, was " + testShortSide);
      require(maxSize >= maxShortSide && maxSize >= testShortSide, "maxSize", "must be >= the short sides ("
          + maxShortSide + ", " + testShortSide + "), was " + maxSize);
      require(sizeDivisibility >= 1, "sizeDivisibility", "must be >= 1 (1 = no padding), was " + sizeDivisibility);
    }
  }

  /** The paper's input: shorter side 800, longer side at most 1333, flips, padding to 32. */
  public static DetectionInput detectron() {
    return new DetectionInput(DETECTRON_SHORT_SIDE, DETECTRON_SHORT_SIDE, DETECTRON_SHORT_SIDE, DETECTRON_MAX_SIZE,
        true, FPN_SIZE_DIVISIBILITY);
  }

  /** The paper's "train aug" input: shorter side drawn from [640, 800] for training, 800 for testing. */
  public static DetectionInput scaleAugmented() {
    return detectron().withShortSideRange(SCALE_AUGMENTATION_MIN_SHORT_SIDE, DETECTRON_SHORT_SIDE);
  }

  /** A fixed-size input for small images: shorter side {@code side}, longer at most {@code maxSize}. */
  public static DetectionInput fixed(int side, int maxSize) {
    return new DetectionInput(side, side, side, maxSize, true, FPN_SIZE_DIVISIBILITY);
  }

  public DetectionInput withShortSideRange(int min, int max) {
    return new DetectionInput(min, max, testShortSide, maxSize, horizontalFlip, sizeDivisibility);
  }

  public DetectionInput withHorizontalFlip(boolean flip) {
    return new DetectionInput(minShortSide, maxShortSide, testShortSide, maxSize, flip, sizeDivisibility);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.detection(this);
  }
}
