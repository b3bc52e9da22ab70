package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;
import java.util.OptionalInt;

/**
 * A small synthetic detection set written in PASCAL VOC format ({@code VOC2007} with {@code trainval},
 * {@code VOC2012} with {@code train} and {@code val}; XML annotations with difficult and truncated flags; JPEG
 * images), generated from {@code seed} on first use and read by the same reader as {@link Voc} with the paper's
 * image sets ({@link Voc#PAPER_TRAIN_SETS}, {@link Voc#PAPER_EVAL_SET}). Objects are those of {@link SyntheticCoco}.
 *
 * @param trainImages training images (split between VOC2007 trainval and VOC2012 train)
 * @param evalImages evaluation images (VOC2012 val)
 * @param imageSize longer image side in pixels
 * @param seed generator seed
 */
public record SyntheticVoc(int trainImages, int evalImages, int imageSize, long seed) implements DatasetSpec {

  public SyntheticVoc {
    if (SpecParts.checkNow()) {
      require(trainImages >= 2, "trainImages", "must be >= 2 (one per year), was " + trainImages);
      require(evalImages >= 1, "evalImages", "must be >= 1, was " + evalImages);
      require(imageSize >= 32 && imageSize <= 2048, "imageSize", "must be in [32, 2048], was " + imageSize);
    }
  }

  @Override
  public OptionalInt knownClasses() {
    return OptionalInt.of(SyntheticCoco.CLASSES);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.syntheticVoc(this);
  }
}
