package dev.rethink.dsl.eval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An evaluation metric, computed by {@code dev.rethink.runtime.eval}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Accuracy.class, name = "Accuracy"),
    @JsonSubTypes.Type(value = CocoAp.class, name = "CocoAp"),
    @JsonSubTypes.Type(value = VocMap.class, name = "VocMap")
})
public sealed interface MetricSpec permits Accuracy, CocoAp, VocMap {

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over metric kinds: a new kind that nobody computes fails to compile. */
  interface Visitor<R> {
    R accuracy(Accuracy spec);

    R cocoAp(CocoAp spec);

    R vocMap(VocMap spec);
  }
}
