package dev.rethink.graph.core;

/**
 * What a variable is for. The optimizer decides weight decay by role, and a checkpoint transfer copies the
 * model roles only (never the optimizer's slots or the step).
 */
public enum VariableRole {
  /** A convolution or fully connected weight: MSRA or N(0, 0.01) init, weight-decayed. */
  KERNEL(true, true),
  /** A convolution or fully connected bias: zero init, weight-decayed (Detectron2's {@code WEIGHT_DECAY_BIAS}). */
  BIAS(true, true),
  /** A normalization scale (gamma); decayed only with {@code SgdSpec.decayNormParameters}. */
  NORM_SCALE(true, true),
  /** A normalization shift (beta); decayed only with {@code SgdSpec.decayNormParameters}. */
  NORM_SHIFT(true, true),
  /** A BN moving mean or variance: updated by assignment, never by gradient. */
  MOVING_STATISTIC(false, true),
  /** The global step. */
  GLOBAL_STEP(false, false),
  /** An optimizer accumulator (momentum buffer). */
  OPTIMIZER_SLOT(false, false);

  private final boolean learnable;
  private final boolean modelState;

  VariableRole(boolean learnable, boolean modelState) {
    this.learnable = learnable;
    this.modelState = modelState;
  }

  /** True where the variable is trained by gradient unless its stage is frozen. */
  public boolean learnable() {
    return learnable;
  }

  /** True for the network's own state (weights and statistics), which checkpoints transfer between variants. */
  public boolean modelState() {
    return modelState;
  }
}
