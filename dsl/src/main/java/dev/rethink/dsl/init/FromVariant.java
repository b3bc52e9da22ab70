package dev.rethink.dsl.init;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * Backbone weights from the final checkpoint of another variant of the same study (e.g. a pre-training
 * variant); that variant runs first.
 */
public record FromVariant(String variant) implements WeightsSpec {
  public FromVariant {
    if (SpecParts.checkNow()) {
      require(variant != null && !variant.isBlank(), "variant", "must name a variant of the study");
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.fromVariant(this);
  }
}
