package dev.rethink.dsl.norm;

/** No normalization: convolutions get a bias instead (the paper's VGG-16 experiment). */
public record NoNorm() implements NormSpec {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.noNorm(this);
  }

  @Override
  public boolean trainable() {
    return false;
  }

  @Override
  public String label() {
    return "none";
  }

  @Override
  public String parameterFamily() {
    return "none";
  }

  @Override
  public String toString() {
    return "NoNorm";
  }
}
