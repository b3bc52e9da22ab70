package dev.rethink.dsl.norm;

import static dev.rethink.dsl.SpecException.require;

/**
 * BN whose batch statistics are computed across all towers (GPUs); with one tower it equals {@link BatchNorm}
 * over the whole batch. The paper's SyncBN runs (§4, Fig. 4).
 */
public record SyncBatchNorm(double momentum, double epsilon) implements NormSpec {
  public SyncBatchNorm {
    require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), was " + momentum);
    require(epsilon > 0, "epsilon", "must be > 0, was " + epsilon);
  }

  public SyncBatchNorm() {
    this(BatchNorm.DEFAULT_MOMENTUM, BatchNorm.DEFAULT_EPSILON);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.syncBatchNorm(this);
  }

  /** Frozen, BN keeps its epsilon and loses its batch statistics (Detectron2's {@code FrozenBatchNorm2d}). */
  @Override
  public FrozenBatchNorm frozen() {
    return new FrozenBatchNorm(epsilon);
  }

  @Override
  public String label() {
    return "SyncBN";
  }

  @Override
  public String parameterFamily() {
    return BN_PARAMETERS;
  }

  @Override
  public String toString() {
    return "SyncBatchNorm";
  }
}
