package dev.rethink.dsl.data;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * A random subset of a COCO training set, as in the paper's less-data experiments (§5.2: 35k, 10k, 3.5k and 1k
 * images of train2017): {@code images} images drawn without replacement by {@code seed}, from the training
 * images sorted by id, so the subset is the same on every machine. Evaluation always uses the full evaluation
 * set.
 *
 * @param images number of training images kept
 * @param seed which subset
 */
public record CocoSubset(int images, long seed) {
  /** The paper's 35k-image subset (§5.2, Figure 6). */
  public static final int PAPER_35K = 35_000;
  /** The paper's 10k-image subset (§5.2, Figure 7). */
  public static final int PAPER_10K = 10_000;
  /** The paper's 3.5k-image subset (§5.2). */
  public static final int PAPER_3_5K = 3_500;
  /** The paper's 1k-image subset (§5.2). */
  public static final int PAPER_1K = 1_000;

  public CocoSubset {
    if (SpecParts.checkNow()) {
      require(images >= 1, "images", "must be >= 1, was " + images);
    }
  }
}
