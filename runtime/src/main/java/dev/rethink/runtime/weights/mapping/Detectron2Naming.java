package dev.rethink.runtime.weights.mapping;

import dev.rethink.runtime.weights.WeightsFile;
import java.util.List;

/**
 * Detectron2's ResNet names: {@code stem.conv1}, {@code res<stage>.<block>.conv<k>},
 * {@code res<stage>.<block>.shortcut}, each {@code .weight} (and {@code .bias} without norm) with
 * {@code .norm.weight / .bias / .running_mean / .running_var} (BN, FrozenBN, SyncBN) or {@code .norm.weight / .bias}
 * (GN); the ImageNet head {@code linear} (or {@code stem.fc}, as its torchvision converter names it). A detector's
 * checkpoint prefixes the backbone with {@code backbone.bottom_up.}, which is told from the file. Detectron2 has
 * no VGG.
 */
final class Detectron2Naming implements Naming {
  private static final String DETECTOR_PREFIX = "backbone.bottom_up.";
  private final String prefix;

  Detectron2Naming(WeightsFile file) {
    this.prefix = file.names().stream().anyMatch(n -> n.startsWith(DETECTOR_PREFIX)) ? DETECTOR_PREFIX : "";
  }

  @Override
  public SourceLayer layer(Layer layer) {
    return switch (layer.kind()) {
      case RESNET_STEM -> module(prefix + "stem.conv1");
      case RESNET_CONV -> module(prefix + "res" + layer.stage() + "." + layer.block() + ".conv" + layer.conv());
      case RESNET_SHORTCUT -> module(prefix + "res" + layer.stage() + "." + layer.block() + ".shortcut");
      default -> null;
    };
  }

  @Override
  public String why(Layer layer) {
    return layer.kind() == Layer.Kind.VGG_CONV ? "Detectron2 has no VGG backbone" : Naming.super.why(layer);
  }

  @Override
  public List<SourceLayer> heads() {
    return List.of(SourceLayer.of("linear.weight", "linear.bias"), SourceLayer.of("stem.fc.weight", "stem.fc.bias"));
  }

  @Override
  public String skipReason(String source) {
    return source.endsWith(".num_batches_tracked") ? "BN's count of training batches, not a weight" : null;
  }

  private static SourceLayer module(String name) {
    return SourceLayer.of(name + ".weight", name + ".bias", new NormNames(NormKind.EITHER, name + ".norm.weight",
        name + ".norm.bias", name + ".norm.running_mean", name + ".norm.running_var"));
  }
}
