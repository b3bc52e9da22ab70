package dev.rethink.runtime.weights.mapping;

import java.util.List;

/**
 * Detectron's (Caffe2) blob names, as Detectron2's {@code c2_model_loading} reads them: {@code conv1_w} with
 * {@code res_conv1_bn_*} (BN) or {@code conv1_gn_*} (GN) for the stem; {@code res<stage>_<block>_branch2a/b/c}
 * for a block's convolutions and {@code ..._branch1} for its shortcut, each {@code _w} / {@code _b} with
 * {@code _bn_s}, {@code _bn_b}, {@code _bn_rm}, {@code _bn_riv} (Detectron2 takes {@code riv} as the running
 * variance) or {@code _gn_s}, {@code _gn_b}; VGG {@code conv<stage>_<j>_w / _b}; the ImageNet head
 * {@code fc1000_w / _b} (or {@code pred_w / _b}). Detectron's MSRA ImageNet models keep only {@code _bn_s} and
 * {@code _bn_b}: BN folded into an AffineChannel.
 */
final class DetectronNaming implements Naming {
  @Override
  public SourceLayer layer(Layer layer) {
    return switch (layer.kind()) {
      case RESNET_STEM -> SourceLayer.of("conv1_w", "conv1_b", batch("res_conv1_bn_"), group("conv1_gn_"));
      case RESNET_CONV -> blob("res" + layer.stage() + "_" + layer.block() + "_branch2" + "abc".charAt(layer.conv() - 1));
      case RESNET_SHORTCUT -> blob("res" + layer.stage() + "_" + layer.block() + "_branch1");
      case VGG_CONV -> blob("conv" + layer.stage() + "_" + layer.conv());
      default -> null;
    };
  }

  @Override
  public List<SourceLayer> heads() {
    return List.of(SourceLayer.of("fc1000_w", "fc1000_b"), SourceLayer.of("pred_w", "pred_b"));
  }

  @Override
  public String skipReason(String source) {
    if (source.endsWith("_momentum")) {
      return "the optimizer's momentum, not a weight";
    }
    if (source.matches("fc[678]_[wb]")) {
      return "VGG's fully connected fc6-fc8: Rethink's VGG is its convolutional part only";
    }
    return null;
  }

  private static SourceLayer blob(String name) {
    return SourceLayer.of(name + "_w", name + "_b", batch(name + "_bn_"), group(name + "_gn_"));
  }

  private static NormNames batch(String prefix) {
    return new NormNames(NormKind.BATCH, prefix + "s", prefix + "b", prefix + "rm", prefix + "riv");
  }

  private static NormNames group(String prefix) {
    return new NormNames(NormKind.GROUP, prefix + "s", prefix + "b", null, null);
  }
}
