package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * How many RPN proposals survive, as in Detectron2's {@code find_top_rpn_proposals}: the {@code preNmsTopK}
 * highest-scoring anchors of each level are decoded, clipped, stripped of small boxes and NMS'ed per level; the
 * {@code postNmsTopK} highest-scoring survivors over all levels are kept per image.
 *
 * @param preNmsTopK per pyramid level (per feature map)
 * @param postNmsTopK per image, over all levels
 */
public record ProposalLimits(int preNmsTopK, int postNmsTopK) {
  public ProposalLimits {
    if (SpecParts.checkNow()) {
      require(preNmsTopK >= 1, "preNmsTopK", "must be >= 1, was " + preNmsTopK);
      require(postNmsTopK >= 1, "postNmsTopK", "must be >= 1, was " + postNmsTopK);
    }
  }
}
