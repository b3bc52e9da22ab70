package dev.rethink.dsl.schedule;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.SpecParts;

/**
 * Linear warm-up (Goyal et al., 2017): the LR factor rises linearly from {@code startFactor} at step 0 to 1 at
 * step {@code iterations}: {@code factor = startFactor * (1 - a) + a} with {@code a = step / iterations}.
 */
public record WarmupSpec(int iterations, double startFactor) {
  /** Detectron's {@code WARM_UP_ITERS}. */
  public static final int DETECTRON_ITERATIONS = 500;
  /** Detectron's {@code WARM_UP_FACTOR}. */
  public static final double DETECTRON_FACTOR = 1.0 / 3.0;

  public WarmupSpec {
    if (SpecParts.checkNow()) {
      require(iterations >= 0, "iterations", "must be >= 0, was " + iterations);
      require(startFactor > 0 && startFactor <= 1, "startFactor", "must be in (0, 1], was " + startFactor);
    }
  }

  /** Detectron's warm-up: {@value #DETECTRON_ITERATIONS} iterations from {@code 1/3}. */
  public static WarmupSpec detectron() {
    return new WarmupSpec(DETECTRON_ITERATIONS, DETECTRON_FACTOR);
  }

  /** No warm-up. */
  public static WarmupSpec none() {
    return new WarmupSpec(0, 1.0);
  }
}
