package dev.rethink.dsl.model.detection;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NormSpec;
import java.util.Optional;

/**
 * {@code convs} 3×3 convs (each followed by the norm and ReLU) then {@code fcs} fully connected layers with ReLU:
 * the "4conv1fc" head of the GN paper (Detectron {@code head_builder.add_roi_Xconv1fc_gn_head}) that this paper's
 * GN models use, Detectron2 {@code FastRCNNConvFCHead} with {@code NUM_CONV: 4, NUM_FC: 1, NORM: "GN"}.
 *
 * @param convs number of 3×3 convs
 * @param convDim their width
 * @param fcs number of fully connected layers after them
 * @param fcDim their width
 * @param norm normalization after each conv (the fc layers have none)
 */
public record ConvFc(int convs, int convDim, int fcs, int fcDim, NormSpec norm) implements BoxHeadSpec {
  /** 4 convs: Detectron {@code configs/04_2018_gn_baselines} box head, {@code roi_Xconv1fc_gn_head}. */
  public static final int CONVS = 4;
  /** Conv width 256: Detectron2 {@code ROI_BOX_HEAD.CONV_DIM = 256}. */
  public static final int CONV_DIM = 256;
  /** One fc layer (the "1fc"). */
  public static final int FCS = 1;

  public ConvFc {
    require(convs >= 0, "roiHeads.boxHead.convs", "must be >= 0, was " + convs);
    require(convDim >= 1, "roiHeads.boxHead.convDim", "must be >= 1, was " + convDim);
    require(fcs >= 1, "roiHeads.boxHead.fcs", "must be >= 1 (the predictor takes a vector), was " + fcs);
    require(fcDim >= 1, "roiHeads.boxHead.fcDim", "must be >= 1, was " + fcDim);
    require(norm != null, "roiHeads.boxHead.norm", "is required (hint: new GroupNorm(32))");
    norm.checkChannels("roiHeads.boxHead.norm", "the box-head convs (roiHeads.boxHead.convDim)", convDim);
  }

  /** The paper's 4conv1fc head with the given norm: 4 × 256-wide convs, one 1024-wide fc. */
  public static ConvFc fourConvOneFc(NormSpec norm) {
    return new ConvFc(CONVS, CONV_DIM, FCS, TwoFc.FC_DIM, norm);
  }

  /** The paper's GN head: 4conv1fc with {@code GroupNorm(32)}. */
  public static ConvFc gn() {
    return fourConvOneFc(new GroupNorm());
  }

  public ConvFc withNorm(NormSpec n) {
    return new ConvFc(convs, convDim, fcs, fcDim, n);
  }

  @Override
  public ConvFc normalized(NormSpec n) {
    return withNorm(n);
  }

  public ConvFc withWidths(int newConvDim, int newFcDim) {
    return new ConvFc(convs, newConvDim, fcs, newFcDim, norm);
  }

  @Override
  public int outDim() {
    return fcDim;
  }

  @Override
  @JsonIgnore
  public Optional<NormSpec> normSite() {
    return Optional.of(norm);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.convFc(this);
  }
}
