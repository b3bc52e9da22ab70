package dev.rethink.dsl.model.detection;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Map;

/**
 * How the RoI heads turn proposals into boxes (Detectron2's {@code ROI_HEADS.NAME}): the box-stage structure is a
 * sealed choice so that a multi-stage head (Cascade R-CNN, the paper's 48.6 AP ResNeXt-152 result) joins as one
 * record and one lowering, and every place that reads the stages fails to compile until it handles it. Today:
 * {@link StandardRoiHeads}, one box stage.
 *
 * <p>JSON: the kind is deduced from the fields (no {@code type} field), so specs written before this choice
 * existed read unchanged.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(StandardRoiHeads.class)})
public sealed interface RoiHeadsSpec permits StandardRoiHeads {

  /** Detectron2's default RoI heads ({@code StandardROIHeads}, 2fc box head). */
  static StandardRoiHeads detectron() {
    return StandardRoiHeads.detectron();
  }

  /** Detectron2's standard RoI heads with the given box head. */
  static StandardRoiHeads of(BoxHeadSpec boxHead) {
    return StandardRoiHeads.of(boxHead);
  }

  /** The same heads with {@code boxHead} in every box stage. */
  RoiHeadsSpec withBoxHead(BoxHeadSpec boxHead);

  /** The same heads sampling {@code n} RoIs per image in every box stage. */
  RoiHeadsSpec withRoisPerImage(int n);

  /** The paper's normalized heads: {@code norm} in every box head ({@link BoxHeadSpec#normalized}). */
  RoiHeadsSpec withNorm(NormSpec norm);

  /** Every normalization choice of the heads by field path (e.g. {@code roiHeads.boxHead.norm}). */
  Map<String, NormSpec> norms();

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over the box-stage structures. */
  interface Visitor<R> {
    R standard(StandardRoiHeads heads);
  }
}
