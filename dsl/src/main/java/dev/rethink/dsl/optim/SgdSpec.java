package dev.rethink.dsl.optim;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * SGD with momentum and L2 weight decay, as in the paper (§4).
 *
 * @param momentum momentum coefficient
 * @param weightDecay L2 coefficient added to the loss as {@code weightDecay / 2 · Σ w²}, so its gradient is
 *     {@code weightDecay · w}, as Caffe2 and PyTorch apply it
 * @param decayNormParameters whether the scale/shift of normalization layers are decayed too
 */
public record SgdSpec(double momentum, double weightDecay, boolean decayNormParameters) {
  /** The paper's momentum (§4). */
  public static final double PAPER_MOMENTUM = 0.9;
  /** The paper's weight decay (§4). */
  public static final double PAPER_WEIGHT_DECAY = 1e-4;
  /** Norm parameters are not decayed: Detectron's {@code WEIGHT_DECAY_GN: 0}, Detectron2's
   * {@code WEIGHT_DECAY_NORM: 0}. */
  public static final boolean DEFAULT_DECAY_NORM = false;

  public SgdSpec {
    if (SpecParts.checkNow()) {
      require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), was " + momentum);
      require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", "must be >= 0, was " + weightDecay);
    }
  }

  /** The paper's optimizer. */
  public static SgdSpec paper() {
    return new SgdSpec(PAPER_MOMENTUM, PAPER_WEIGHT_DECAY, DEFAULT_DECAY_NORM);
  }

  public SgdSpec withWeightDecay(double wd) {
    return new SgdSpec(momentum, wd, decayNormParameters);
  }

  public SgdSpec withDecayNormParameters(boolean decay) {
    return new SgdSpec(momentum, weightDecay, decay);
  }
}
