package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Optional;

/**
 * Two fully connected layers with ReLU (FPN paper, §4.2; Detectron2 {@code Base-RCNN-FPN.yaml}
 * {@code ROI_BOX_HEAD.NUM_FC: 2}); no normalization.
 *
 * @param fcDim width of both layers
 */
public record TwoFc(int fcDim) implements BoxHeadSpec {
  /** Detectron2 {@code ROI_BOX_HEAD.FC_DIM = 1024}, Detectron {@code FAST_RCNN.MLP_HEAD_DIM = 1024}. */
  public static final int FC_DIM = 1024;

  public TwoFc {
    require(fcDim >= 1, "roiHeads.boxHead.fcDim", "must be >= 1, was " + fcDim);
  }

  public TwoFc() {
    this(FC_DIM);
  }

  /** The paper's 4conv1fc head with {@code norm}: a 2fc head has no conv to put it in. */
  @Override
  public ConvFc normalized(NormSpec norm) {
    return ConvFc.fourConvOneFc(norm);
  }

  @Override
  public int outDim() {
    return fcDim;
  }

  @Override
  @JsonIgnore
  public Optional<NormSpec> normSite() {
    return Optional.empty();
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.twoFc(this);
  }
}
