package dev.rethink.dsl.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Map;

/** A whole network: backbone and heads. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClassifierSpec.class, name = "Classifier")
})
public sealed interface ModelSpec permits ClassifierSpec {

  BackboneSpec backbone();

  /** The same model with another backbone norm (heads keep theirs). */
  ModelSpec withBackbone(BackboneSpec backbone);

  /** Every normalization choice in the model, by field path (e.g. {@code backbone.norm}). */
  Map<String, NormSpec> norms();

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over model kinds. */
  interface Visitor<R> {
    R classifier(ClassifierSpec spec);
  }
}
