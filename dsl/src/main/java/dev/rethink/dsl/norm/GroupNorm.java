package dev.rethink.dsl.norm;

import static dev.rethink.dsl.SpecException.require;

/**
 * Group normalization (Wu &amp; He, 2018): statistics over groups of channels, independent of the batch — the
 * paper's main tool for training from scratch.
 */
public record GroupNorm(int groups, double epsilon) implements NormSpec {
  /** 32 groups: the GN paper's and Detectron's {@code GROUP_NORM.NUM_GROUPS}. */
  public static final int DEFAULT_GROUPS = 32;
  /** Detectron's {@code GROUP_NORM.EPSILON}. */
  public static final double DEFAULT_EPSILON = 1e-5;

  public GroupNorm {
    require(groups >= 1, "groups", "must be >= 1, was " + groups);
    require(epsilon > 0, "epsilon", "must be > 0, was " + epsilon);
  }

  public GroupNorm(int groups) {
    this(groups, DEFAULT_EPSILON);
  }

  public GroupNorm() {
    this(DEFAULT_GROUPS);
  }

  @Override
  public void checkChannels(String field, String layer, int channels) {
    require(channels % groups == 0, field, this + " needs channels divisible by " + groups + ", " + layer
        + " has " + channels + " (hint: choose groups dividing every layer's width, or change the width)");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.groupNorm(this);
  }

  @Override
  public String label() {
    return "GN(" + groups + ")";
  }

  @Override
  public String parameterFamily() {
    return "gn" + groups;
  }

  @Override
  public String toString() {
    return "GroupNorm(groups=" + groups + ")";
  }
}
