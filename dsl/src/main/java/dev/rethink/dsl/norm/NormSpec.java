package dev.rethink.dsl.norm;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How a convolution's output is normalized. Lowered by {@code dev.rethink.graph.norm.Norms}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = NoNorm.class, name = "NoNorm"),
    @JsonSubTypes.Type(value = BatchNorm.class, name = "BatchNorm"),
    @JsonSubTypes.Type(value = FrozenBatchNorm.class, name = "FrozenBatchNorm"),
    @JsonSubTypes.Type(value = SyncBatchNorm.class, name = "SyncBatchNorm"),
    @JsonSubTypes.Type(value = GroupNorm.class, name = "GroupNorm")
})
public sealed interface NormSpec permits NoNorm, BatchNorm, FrozenBatchNorm, SyncBatchNorm, GroupNorm {

  /**
   * {@link #parameterFamily()} of the BN flavours: BN, SyncBN and FrozenBN share their parameters (scale, shift,
   * moving statistics), so weights move between them.
   */
  String BN_PARAMETERS = "bn";

  <R> R accept(Visitor<R> visitor);

  /** The short name in the paper's vocabulary, as reports print it: {@code none, BN, FrozenBN, SyncBN, GN(32)}. */
  String label();

  /**
   * The kind of parameters the norm has: two norms of the same family can initialize each other's layers (BN from
   * SyncBN, FrozenBN from BN — {@link #BN_PARAMETERS}), of different families (GN from BN, GN(8) from GN(32))
   * cannot.
   */
  String parameterFamily();

  /**
   * Checks that a layer with {@code channels} channels can use this norm; {@code layer} names the layer for the
   * message (e.g. "stage res2").
   */
  default void checkChannels(String field, String layer, int channels) {}

  /**
   * The norm of a frozen stage ({@code InitSpec.freezeAt}), as Detectron2's {@code freeze()} makes it: every BN
   * kind becomes {@link FrozenBatchNorm} with the same epsilon; GN and no norm keep their computation (the stage's
   * scope freezes their variables).
   */
  default NormSpec frozen() {
    return this;
  }

  /** True where the statistics and affine parameters are learned (not frozen, not absent). */
  default boolean trainable() {
    return true;
  }

  /** Exhaustive dispatch over the norm kinds: a new kind that nobody lowers fails to compile. */
  interface Visitor<R> {
    R noNorm(NoNorm norm);

    R batchNorm(BatchNorm norm);

    R frozenBatchNorm(FrozenBatchNorm norm);

    R syncBatchNorm(SyncBatchNorm norm);

    R groupNorm(GroupNorm norm);
  }
}
