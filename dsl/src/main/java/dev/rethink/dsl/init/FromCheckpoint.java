package dev.rethink.dsl.init;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/** Backbone weights from a TensorFlow checkpoint prefix on disk (as written by a Rethink run). */
public record FromCheckpoint(String path) implements WeightsSpec {
  public FromCheckpoint {
    if (SpecParts.checkNow()) {
      require(path != null && !path.isBlank(), "path", "must be a checkpoint prefix");
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.fromCheckpoint(this);
  }
}
