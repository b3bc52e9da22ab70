package dev.rethink.dsl.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Map;

/** A whole network: backbone and heads. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClassifierSpec.class, name = "Classifier"),
    @JsonSubTypes.Type(value = FasterRcnnSpec.class, name = "FasterRcnn"),
    @JsonSubTypes.Type(value = MaskRcnnSpec.class, name = "MaskRcnn"),
    @JsonSubTypes.Type(value = KeypointRcnnSpec.class, name = "KeypointRcnn")
})
public sealed interface ModelSpec permits ClassifierSpec, DetectorSpec {

  BackboneSpec backbone();

  /** The same model with another backbone norm (heads keep theirs). */
  ModelSpec withBackbone(BackboneSpec backbone);

  /**
   * Every normalization choice in the model, by field path (e.g. {@code backbone.norm}, {@code fpn.norm},
   * {@code roiHeads.boxHead.norm}, {@code maskHead.norm}), in model order.
   */
  Map<String, NormSpec> norms();

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over model kinds. */
  interface Visitor<R> {
    R classifier(ClassifierSpec spec);

    R fasterRcnn(FasterRcnnSpec spec);

    R maskRcnn(MaskRcnnSpec spec);

    R keypointRcnn(KeypointRcnnSpec spec);
  }
}
