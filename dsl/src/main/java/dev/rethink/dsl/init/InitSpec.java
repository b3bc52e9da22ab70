package dev.rethink.dsl.init;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * How a variant starts: its backbone weights and how many leading backbone stages stay frozen.
 *
 * @param weights MSRA random init, or pre-trained weights
 * @param freezeAt number of leading backbone stages (stem first) whose weights are not trained; Detectron's
 *     {@code FREEZE_AT}. Must be 0 from scratch.
 */
public record InitSpec(WeightsSpec weights, int freezeAt) {
  /** Detectron's default for fine-tuning from ImageNet: stem and res2 frozen ({@code FREEZE_AT: 2}). */
  public static final int DETECTRON_FREEZE_AT = 2;

  public InitSpec {
    if (SpecParts.checkNow()) {
      require(weights != null, "weights", "is required (hint: InitSpec.scratch() or InitSpec.from(\"variant\"))");
      require(freezeAt >= 0, "freezeAt", "must be >= 0, was " + freezeAt);
      require(!(weights.scratch() && freezeAt > 0), "freezeAt", "freezeAt=" + freezeAt
          + " with MsraFill: freezing randomly initialized stages is invalid when training from scratch"
          + " (He et al. 2019, §3; Detectron FREEZE_AT 0) (hint: use freezeAt=0)");
    }
  }

  /** MSRA random init, nothing frozen: the paper's scratch setting. */
  public static InitSpec scratch() {
    return new InitSpec(new MsraFill(), 0);
  }

  /** Backbone from another variant of the study, nothing frozen (the paper fine-tunes every layer). */
  public static InitSpec from(String variant) {
    return new InitSpec(new FromVariant(variant), 0);
  }

  public InitSpec withFreezeAt(int freezeAt) {
    return new InitSpec(weights, freezeAt);
  }
}
