package dev.rethink.runtime.weights.mapping;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.runtime.weights.WeightsFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * torchvision's names. ResNet: {@code conv1} / {@code bn1} (stem), {@code layer<stage-1>.<block>.conv<k>} /
 * {@code bn<k>}, {@code downsample.0} / {@code downsample.1} (shortcut), {@code fc}. VGG:
 * {@code features.<index>}, where the index counts the modules of {@code vgg.make_layers} — conv, [BN,] ReLU per
 * convolution and one max-pool per stage — so it differs between {@code vgg16} and {@code vgg16_bn}, which is
 * told from the file.
 */
final class TorchvisionNaming implements Naming {
  private final Map<String, Integer> vggIndex = new HashMap<>();

  TorchvisionNaming(WeightsFile file, BackboneSpec spec) {
    if (spec instanceof VggSpec vgg) {
      boolean bn = file.names().stream().anyMatch(n -> n.matches("features\\.\\d+\\.running_mean"));
      int index = 0;
      for (int s = 0; s < vgg.convs().size(); s++) {
        for (int j = 1; j <= vgg.convs().get(s); j++) {
          vggIndex.put((s + 1) + "_" + j, index);
          index += bn ? 3 : 2;
        }
        index++; // max-pool
      }
    }
  }

  @Override
  public SourceLayer layer(Layer layer) {
    return switch (layer.kind()) {
      case RESNET_STEM -> module("conv1", "bn1");
      case RESNET_CONV -> {
        String block = "layer" + (layer.stage() - 1) + "." + layer.block() + ".";
        yield module(block + "conv" + layer.conv(), block + "bn" + layer.conv());
      }
      case RESNET_SHORTCUT -> {
        String block = "layer" + (layer.stage() - 1) + "." + layer.block() + ".downsample.";
        yield module(block + "0", block + "1");
      }
      case VGG_CONV -> {
        Integer index = vggIndex.get(layer.stage() + "_" + layer.conv());
        yield index == null ? null : module("features." + index, "features." + (index + 1));
      }
      default -> null;
    };
  }

  @Override
  public List<SourceLayer> heads() {
    return List.of(SourceLayer.of("fc.weight", "fc.bias"));
  }

  @Override
  public String skipReason(String source) {
    if (source.endsWith(".num_batches_tracked")) {
      return "BN's count of training batches, not a weight";
    }
    if (source.startsWith("classifier.")) {
      return "VGG's fully connected fc6-fc8: Rethink's VGG is its convolutional part only";
    }
    return null;
  }

  private static SourceLayer module(String conv, String norm) {
    return SourceLayer.of(conv + ".weight", conv + ".bias", new NormNames(NormKind.EITHER, norm + ".weight",
        norm + ".bias", norm + ".running_mean", norm + ".running_var"));
  }
}
