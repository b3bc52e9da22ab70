package dev.rethink.dsl.norm;

/**
 * BN with fixed statistics and affine parameters (an affine channel transform), as used when fine-tuning from
 * ImageNet in Detectron. Invalid from scratch: "Freezing BN is invalid when training from scratch" (paper §3).
 */
public record FrozenBatchNorm(double epsilon) implements NormSpec {
  public FrozenBatchNorm {
    dev.rethink.dsl.SpecException.require(epsilon >= 0, "epsilon", "must be >= 0, was " + epsilon);
  }

  public FrozenBatchNorm() {
    this(BatchNorm.DEFAULT_EPSILON);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.frozenBatchNorm(this);
  }

  @Override
  public boolean trainable() {
    return false;
  }

  @Override
  public String label() {
    return "FrozenBN";
  }

  @Override
  public String parameterFamily() {
    return BN_PARAMETERS;
  }

  @Override
  public String toString() {
    return "FrozenBatchNorm";
  }
}
