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

  <R> R accept(Visitor<R> visitor);

  /**
   * Checks that a layer with {@code channels} channels can use this norm; {@code layer} names the layer for the
   * message (e.g. "stage res2").
   */
  default void checkChannels(String field, String layer, int channels) {}

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
