package dev.rethink.graph.norm;

import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.norm.SyncBatchNorm;

/**
 * Lowers a {@link NormSpec} to a {@link Normalization}: the visitor is exhaustive, so a new norm kind that nobody
 * lowers fails to compile.
 */
public final class Norms {
  /** Scale variable name. */
  public static final String GAMMA = "gamma";
  /** Shift variable name. */
  public static final String BETA = "beta";
  /** Moving mean variable name (BN family). */
  public static final String MOVING_MEAN = "moving_mean";
  /** Moving variance variable name (BN family). */
  public static final String MOVING_VARIANCE = "moving_variance";

  private Norms() {}

  /** The normalization of a trainable stage. */
  public static Normalization lower(NormSpec spec) {
    return spec.accept(new NormSpec.Visitor<>() {
      @Override
      public Normalization noNorm(NoNorm norm) {
        return new NoNormalization();
      }

      @Override
      public Normalization batchNorm(BatchNorm norm) {
        return new BatchNormalization(norm.momentum(), norm.epsilon());
      }

      @Override
      public Normalization frozenBatchNorm(FrozenBatchNorm norm) {
        return new FrozenBatchNormalization(norm.epsilon());
      }

      @Override
      public Normalization syncBatchNorm(SyncBatchNorm norm) {
        return new SyncBatchNormalization(norm.momentum(), norm.epsilon());
      }

      @Override
      public Normalization groupNorm(GroupNorm norm) {
        return new GroupNormalization(norm.groups(), norm.epsilon());
      }
    });
  }

  /**
   * The normalization of a frozen stage ({@code InitSpec.freezeAt}): every BN kind becomes
   * {@link FrozenBatchNormalization} with the same epsilon, as Detectron2's {@code freeze()} does; GN and no-norm
   * keep their computation (their variables are frozen by the scope); the DSL says which ({@link NormSpec#frozen()}).
   */
  public static Normalization lowerFrozen(NormSpec spec) {
    return lower(spec.frozen());
  }
}
