package dev.rethink.dsl.backbone;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rethink.dsl.norm.NormSpec;
import java.util.List;

/** A convolutional feature extractor. Lowered by {@code dev.rethink.graph.backbone}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ResNetSpec.class, name = "ResNet"),
    @JsonSubTypes.Type(value = VggSpec.class, name = "Vgg")
})
public sealed interface BackboneSpec permits ResNetSpec, VggSpec {

  NormSpec norm();

  BackboneSpec withNorm(NormSpec norm);

  /**
   * The stages in order, the first being the stem; {@code InitSpec.freezeAt = k} freezes the first k of them
   * (Detectron's {@code FREEZE_AT}).
   */
  @JsonIgnore
  List<Stage> stages();

  <R> R accept(Visitor<R> visitor);

  /** A stage of the backbone: its name (Detectron's: stem, res2…res5 / conv1…conv5), output width and stride. */
  record Stage(String name, int outChannels, int stride) {}

  /** Exhaustive dispatch over backbone kinds. */
  interface Visitor<R> {
    R resNet(ResNetSpec spec);

    R vgg(VggSpec spec);
  }
}
