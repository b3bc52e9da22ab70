package dev.rethink.dsl.eval;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An evaluation metric. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Accuracy.class, name = "Accuracy")
})
public sealed interface MetricSpec permits Accuracy {

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over metric kinds. */
  interface Visitor<R> {
    R accuracy(Accuracy spec);
  }
}
