package dev.rethink.dsl.norm;

import static dev.rethink.dsl.SpecException.require;

/**
 * Batch normalization over each tower's own batch, with moving statistics for inference.
 *
 * @param momentum weight of the old moving statistics in each update
 * @param epsilon added to the variance
 */
public record BatchNorm(double momentum, double epsilon) implements NormSpec {
  /** Moving-average momentum; Detectron2's {@code BatchNorm2d} default (PyTorch momentum 0.1). */
  public static final double DEFAULT_MOMENTUM = 0.9;
  /** Detectron2's BN epsilon. */
  public static final double DEFAULT_EPSILON = 1e-5;

  public BatchNorm {
    require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), was " + momentum);
    require(epsilon > 0, "epsilon", "must be > 0, was " + epsilon);
  }

  public BatchNorm() {
    this(DEFAULT_MOMENTUM, DEFAULT_EPSILON);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.batchNorm(this);
  }

  /** Frozen, BN keeps its epsilon and loses its batch statistics (Detectron2's {@code FrozenBatchNorm2d}). */
  @Override
  public FrozenBatchNorm frozen() {
    return new FrozenBatchNorm(epsilon);
  }

  @Override
  public String label() {
    return "BN";
  }

  @Override
  public String parameterFamily() {
    return BN_PARAMETERS;
  }

  @Override
  public String toString() {
    return "BatchNorm";
  }
}
