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
    @JsonSubTypes.Type(value = ImageFolder.class, name = "ImageFolder"),
    @JsonSubTypes.Type(value = Coco.class, name = "Coco"),
    @JsonSubTypes.Type(value = SyntheticCoco.class, name = "SyntheticCoco"),
    @JsonSubTypes.Type(value = Voc.class, name = "Voc"),
    @JsonSubTypes.Type(value = SyntheticVoc.class, name = "SyntheticVoc")
})
public sealed interface DatasetSpec permits SyntheticClassification, ImageFolder, Coco, SyntheticCoco, Voc,
    SyntheticVoc {

  /** The number of classes where the spec tells it (checked against the files when the dataset is opened). */
  @JsonIgnore
  OptionalInt knownClasses();

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over dataset kinds. */
  interface Visitor<R> {
    R syntheticClassification(SyntheticClassification spec);

    R imageFolder(ImageFolder spec);

    R coco(Coco spec);

    R syntheticCoco(SyntheticCoco spec);

    R voc(Voc spec);

    R syntheticVoc(SyntheticVoc spec);
  }
}
