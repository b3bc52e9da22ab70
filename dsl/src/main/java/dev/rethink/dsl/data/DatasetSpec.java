package dev.rethink.dsl.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.OptionalInt;

/**
 * A dataset with a training split and an evaluation split. Paths are relative to the data root given to the
 * launcher ({@code --data-root}); synthetic datasets are generated into a cache on first use.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SyntheticClassification.class, name = "SyntheticClassification"),
    @JsonSubTypes.Type(value = ImageFolder.class, name = "ImageFolder")
})
public sealed interface DatasetSpec permits SyntheticClassification, ImageFolder {

  /** The number of classes where the spec tells it (checked against the files when the dataset is opened). */
  @JsonIgnore
  OptionalInt knownClasses();

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over dataset kinds. */
  interface Visitor<R> {
    R syntheticClassification(SyntheticClassification spec);

    R imageFolder(ImageFolder spec);
  }
}
