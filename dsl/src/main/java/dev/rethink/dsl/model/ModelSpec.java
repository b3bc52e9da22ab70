package dev.rethink.dsl.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Map;
import java.util.Optional;

/**
 * A whole network: backbone and heads. The R-CNN names written before {@link RcnnSpec} replaced the three
 * detector records ({@code FasterRcnn}, {@code MaskRcnn}, {@code KeypointRcnn}) still read, into it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClassifierSpec.class, name = "Classifier"),
    @JsonSubTypes.Type(value = RcnnSpec.class, name = "Rcnn", names = {"FasterRcnn", "MaskRcnn", "KeypointRcnn"})
})
public sealed interface ModelSpec permits ClassifierSpec, RcnnSpec {

  BackboneSpec backbone();

  /** The same model with another backbone norm (heads keep theirs). */
  ModelSpec withBackbone(BackboneSpec backbone);

  /**
   * Every normalization choice in the model, by field path (e.g. {@code backbone.norm}, {@code fpn.norm},
   * {@code roiHeads.boxHead.norm}, {@code maskHead.norm}), in model order.
   */
  Map<String, NormSpec> norms();

  <R> R accept(Visitor<R> visitor);

  /** The detector, if this model is one: for code that only asks "is it a detector" (labels, data checks). */
  default Optional<RcnnSpec> detector() {
    return accept(new Visitor<>() {
      @Override
      public Optional<RcnnSpec> classifier(ClassifierSpec spec) {
        return Optional.empty();
      }

      @Override
      public Optional<RcnnSpec> rcnn(RcnnSpec spec) {
        return Optional.of(spec);
      }
    });
  }

  /** Exhaustive dispatch over model kinds. */
  interface Visitor<R> {
    R classifier(ClassifierSpec spec);

    R rcnn(RcnnSpec spec);
  }
}
