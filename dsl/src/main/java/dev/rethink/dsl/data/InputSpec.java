package dev.rethink.dsl.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How images are turned into network inputs (resizing, augmentation, normalization). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClassificationInput.class, name = "ClassificationInput"),
    @JsonSubTypes.Type(value = DetectionInput.class, name = "DetectionInput")
})
public sealed interface InputSpec permits ClassificationInput, DetectionInput {

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over input kinds. */
  interface Visitor<R> {
    R classification(ClassificationInput spec);

    R detection(DetectionInput spec);
  }
}
