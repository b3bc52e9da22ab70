package dev.rethink.dsl.model.detection;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Optional;

/**
 * The layers between the pooled RoI features and the box predictor (Detectron2's {@code FastRCNNConvFCHead}):
 * {@link TwoFc} (the FPN paper's 2fc head) or {@link ConvFc} (the GN paper's and this paper's 4conv1fc head).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TwoFc.class, name = "TwoFc"),
    @JsonSubTypes.Type(value = ConvFc.class, name = "ConvFc")
})
public sealed interface BoxHeadSpec permits TwoFc, ConvFc {

  /** Width of the representation fed to the box predictor. */
  int outDim();

  /** The head's normalization, where it has one (the convs of {@link ConvFc}). */
  Optional<NormSpec> normSite();

  /**
   * The head with {@code norm} in its convs, for the paper's "GN/SyncBN in the heads" (§3): a {@link ConvFc} keeps
   * its widths, a {@link TwoFc} (which has no conv to normalize) becomes the paper's 4conv1fc.
   */
  BoxHeadSpec normalized(NormSpec norm);

  <R> R accept(Visitor<R> visitor);

  /** Exhaustive dispatch over box-head kinds. */
  interface Visitor<R> {
    R twoFc(TwoFc head);

    R convFc(ConvFc head);
  }
}
