package dev.rethink.dsl.backbone;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.NormSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ResNet (He et al., 2016) and ResNeXt (Xie et al., 2017): basic blocks for depths 18/34, bottlenecks for
 * 50/101/152; ResNeXt when {@code groups > 1}.
 *
 * @param depth 18, 34, 50, 101 or 152 (see {@link #BLOCKS})
 * @param norm the normalization after every convolution
 * @param strideIn1x1 put the stride-2 of a bottleneck in its 1×1 conv (MSRA/Caffe2 style, Detectron's
 *     {@code STRIDE_1X1 True}) rather than in the 3×3 (torchvision style; the paper's GN models use False)
 * @param groups ResNeXt cardinality; 1 for ResNet
 * @param widthPerGroup bottleneck width per group at res2 (64 for ResNet; 4 in ResNeXt "32×4d")
 * @param widthMultiplier scales every width, for quick-scale runs; 1 at paper scale
 */
public record ResNetSpec(int depth, NormSpec norm, boolean strideIn1x1, int groups, int widthPerGroup,
    double widthMultiplier) implements BackboneSpec {

  /** Depth → blocks per stage (res2…res5): the ResNet paper's Table 1, the one place this table lives. */
  public static final Map<Integer, List<Integer>> BLOCKS = Map.of(
      18, List.of(2, 2, 2, 2),
      34, List.of(3, 4, 6, 3),
      50, List.of(3, 4, 6, 3),
      101, List.of(3, 4, 23, 3),
      152, List.of(3, 8, 36, 3));
  /** Stem output width (ResNet paper, conv1). */
  public static final int STEM_CHANNELS = 64;
  /** Bottleneck expansion: output width = 4 × bottleneck width (ResNet paper, Table 1). */
  public static final int EXPANSION = 4;

  public ResNetSpec {
    if (SpecParts.checkNow()) {
      require(norm != null, "norm", "is required (hint: new BatchNorm(), new GroupNorm(32), ...)");
      require(BLOCKS.containsKey(depth), "depth", "must be one of 18, 34, 50, 101, 152, was " + depth);
      require(groups >= 1, "groups", "must be >= 1, was " + groups);
      require(widthPerGroup >= 1, "widthPerGroup", "must be >= 1, was " + widthPerGroup);
      require(widthMultiplier > 0 && widthMultiplier <= 4, "widthMultiplier", "must be in (0, 4], was "
          + widthMultiplier);
      require(groups == 1 || depth >= 50, "groups", "ResNeXt needs bottleneck blocks (depth >= 50), depth was "
          + depth);
      require(scaled(STEM_CHANNELS, widthMultiplier) >= 1, "widthMultiplier", "leaves the stem with no channel");
      // Channel rules that involve the norm are checked against the widths this spec produces.
      for (Width w : widths(depth, groups, widthPerGroup, widthMultiplier)) {
        require(w.channels % groups == 0 || !w.grouped, "groups", "bottleneck width " + w.channels + " of "
            + w.layer + " is not divisible by groups=" + groups);
        norm.checkChannels("norm", w.layer, w.channels);
      }
    }
  }

  /** ResNet-{depth} with BN, torchvision-style strides, width 1. */
  public static ResNetSpec of(int depth) {
    return new ResNetSpec(depth, new BatchNorm(), false, 1, STEM_CHANNELS, 1.0);
  }

  /** ResNeXt-{depth} {groups}×{widthPerGroup}d with BN. */
  public static ResNetSpec resNeXt(int depth, int groups, int widthPerGroup) {
    return new ResNetSpec(depth, new BatchNorm(), false, groups, widthPerGroup, 1.0);
  }

  @Override
  public ResNetSpec withNorm(NormSpec norm) {
    return new ResNetSpec(depth, norm, strideIn1x1, groups, widthPerGroup, widthMultiplier);
  }

  public ResNetSpec withStrideIn1x1(boolean strideIn1x1) {
    return new ResNetSpec(depth, norm, strideIn1x1, groups, widthPerGroup, widthMultiplier);
  }

  public ResNetSpec withWidthMultiplier(double widthMultiplier) {
    return new ResNetSpec(depth, norm, strideIn1x1, groups, widthPerGroup, widthMultiplier);
  }

  public ResNetSpec withDepth(int depth) {
    return new ResNetSpec(depth, norm, strideIn1x1, groups, widthPerGroup, widthMultiplier);
  }

  /** True for depths 50 and more. */
  @JsonIgnore
  public boolean bottleneck() {
    return depth >= 50;
  }

  /** Blocks per stage, res2…res5. */
  @JsonIgnore
  public List<Integer> blocks() {
    return BLOCKS.get(depth);
  }

  /** Stem output width after the multiplier. */
  @JsonIgnore
  public int stemChannels() {
    return scaled(STEM_CHANNELS, widthMultiplier);
  }

  /** The inner (3×3) width of stage {@code i} (0 = res2). */
  public int innerChannels(int stage) {
    int base = bottleneck() ? groups * widthPerGroup : STEM_CHANNELS;
    return scaled(base << stage, widthMultiplier);
  }

  /** The output width of stage {@code i} (0 = res2). */
  public int outChannels(int stage) {
    return bottleneck() ? scaled((STEM_CHANNELS * EXPANSION) << stage, widthMultiplier)
        : scaled(STEM_CHANNELS << stage, widthMultiplier);
  }

  @Override
  public List<Stage> stages() {
    List<Stage> stages = new ArrayList<>();
    stages.add(new Stage("stem", stemChannels(), 4));
    for (int i = 0; i < 4; i++) {
      stages.add(new Stage("res" + (i + 2), outChannels(i), 4 << i));
    }
    return List.copyOf(stages);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.resNet(this);
  }

  static int scaled(int channels, double multiplier) {
    return (int) Math.round(channels * multiplier);
  }

  private record Width(String layer, int channels, boolean grouped) {}

  private static List<Width> widths(int depth, int groups, int widthPerGroup, double m) {
    List<Width> out = new ArrayList<>();
    out.add(new Width("stem", scaled(STEM_CHANNELS, m), false));
    boolean bottleneck = depth >= 50;
    for (int i = 0; i < 4; i++) {
      String stage = "stage res" + (i + 2);
      if (bottleneck) {
        out.add(new Width(stage + " (bottleneck width)", scaled((groups * widthPerGroup) << i, m), true));
        out.add(new Width(stage + " (output)", scaled((STEM_CHANNELS * EXPANSION) << i, m), false));
      } else {
        out.add(new Width(stage, scaled(STEM_CHANNELS << i, m), false));
      }
    }
    return out;
  }
}
