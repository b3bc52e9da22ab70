package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * Classification input: training images are cropped to {@code size}×{@code size} (a random-resized crop when
 * {@code randomResizedCrop}, else resized whole) and flipped horizontally at random when
 * {@code horizontalFlip}; evaluation images are resized to {@code size / 0.875} on the shorter side and
 * center-cropped (the ImageNet protocol), or resized whole when {@code randomResizedCrop} is off. Pixels are
 * normalized by the ImageNet mean and std.
 */
public record ClassificationInput(int size, boolean randomResizedCrop, boolean horizontalFlip)
    implements InputSpec {
  /** The ImageNet training crop (ResNet paper). */
  public static final int IMAGENET_SIZE = 224;

  public ClassificationInput {
    if (SpecParts.checkNow()) {
      require(size >= 8 && size <= 1024, "size", "must be in [8, 1024], was " + size);
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.classification(this);
  }
}
