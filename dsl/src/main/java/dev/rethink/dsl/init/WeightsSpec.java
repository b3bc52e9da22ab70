package dev.rethink.dsl.init;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Where a variant's initial backbone weights come from. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MsraFill.class, name = "MsraFill"),
    @JsonSubTypes.Type(value = FromVariant.class, name = "FromVariant"),
    @JsonSubTypes.Type(value = FromCheckpoint.class, name = "FromCheckpoint")
})
public sealed interface WeightsSpec permits MsraFill, FromVariant, FromCheckpoint {

  /** True for random initialization (training from scratch). */
  default boolean scratch() {
    return false;
  }

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over weight sources. */
  interface Visitor<R> {
    R msraFill(MsraFill spec);

    R fromVariant(FromVariant spec);

    R fromCheckpoint(FromCheckpoint spec);
  }
}
