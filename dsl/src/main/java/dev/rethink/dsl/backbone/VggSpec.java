package dev.rethink.dsl.backbone;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VGG (Simonyan &amp; Zisserman, 2015), convolutional part only (conv1…conv5, with conv5 not pooled, as a
 * detection backbone uses it). The paper's no-normalization experiment uses VGG-16 with {@link NoNorm}.
 *
 * @param depth 11 or 16 (see {@link #CONVS})
 * @param norm normalization after each conv; {@link NoNorm} for the original network
 * @param widthMultiplier scales every width, for quick-scale runs
 */
public record VggSpec(int depth, NormSpec norm, double widthMultiplier) implements BackboneSpec {

  /** Depth → convolutions per stage (VGG paper, Table 1, configurations A and D). */
  public static final Map<Integer, List<Integer>> CONVS = Map.of(
      11, List.of(1, 1, 2, 2, 2),
      16, List.of(2, 2, 3, 3, 3));
  /** Widths of conv1…conv5 (VGG paper, Table 1). */
  public static final List<Integer> WIDTHS = List.of(64, 128, 256, 512, 512);

  public VggSpec {
    if (SpecParts.checkNow()) {
      require(norm != null, "norm", "is required (hint: new NoNorm())");
      require(CONVS.containsKey(depth), "depth", "must be 11 or 16, was " + depth);
      require(widthMultiplier > 0 && widthMultiplier <= 4, "widthMultiplier", "must be in (0, 4], was "
          + widthMultiplier);
      for (int i = 0; i < WIDTHS.size(); i++) {
        int c = ResNetSpec.scaled(WIDTHS.get(i), widthMultiplier);
        require(c >= 1, "widthMultiplier", "leaves conv" + (i + 1) + " with no channel");
        norm.checkChannels("norm", "stage conv" + (i + 1), c);
      }
    }
  }

  /** VGG-{depth} without normalization. */
  public static VggSpec of(int depth) {
    return new VggSpec(depth, new NoNorm(), 1.0);
  }

  @Override
  public VggSpec withNorm(NormSpec norm) {
    return new VggSpec(depth, norm, widthMultiplier);
  }

  public VggSpec withWidthMultiplier(double widthMultiplier) {
    return new VggSpec(depth, norm, widthMultiplier);
  }

  /** Width of stage {@code i} (0 = conv1). */
  public int channels(int stage) {
    return ResNetSpec.scaled(WIDTHS.get(stage), widthMultiplier);
  }

  /** Convolutions per stage, conv1…conv5. */
  @JsonIgnore
  public List<Integer> convs() {
    return CONVS.get(depth);
  }

  @Override
  public List<Stage> stages() {
    List<Stage> stages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      // conv1..conv4 end in a 2x2 max-pool; conv5 is left unpooled (stride 16), as in Faster R-CNN.
      stages.add(new Stage("conv" + (i + 1), channels(i), Math.min(1 << (i + 1), 16)));
    }
    return List.copyOf(stages);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.vgg(this);
  }
}
