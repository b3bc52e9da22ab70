package dev.rethink.runtime.weights.mapping;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.runtime.weights.WeightsFile;
import java.util.List;
import java.util.function.Predicate;

/** Whose names a weights file uses; each has one package-private {@link Naming}. */
public enum SourceNaming {
  /**
   * torchvision: {@code conv1.weight}, {@code bn1.running_var}, {@code layer1.0.conv2.weight},
   * {@code layer2.0.downsample.0.weight}, {@code fc.weight}; VGG {@code features.<index>.weight}.
   */
  TORCHVISION,
  /**
   * Detectron (Caffe2): {@code conv1_w}, {@code res_conv1_bn_s}, {@code res2_0_branch2a_w},
   * {@code res2_0_branch2a_bn_s / _b / _rm / _riv}, {@code _gn_s / _gn_b}, {@code res2_0_branch1_w},
   * {@code fc1000_w}; VGG {@code conv1_1_w}.
   */
  DETECTRON,
  /**
   * Detectron2: {@code stem.conv1.weight}, {@code res2.0.conv1.norm.running_mean}, {@code res2.0.shortcut.weight},
   * {@code linear.weight}, optionally under a detector's {@code backbone.bottom_up.} prefix.
   */
  DETECTRON2;

  /**
   * The naming {@code file} follows, from its tensor names.
   *
   * @throws IllegalArgumentException when no naming's landmarks are present
   */
  public static SourceNaming detect(WeightsFile file) {
    if (any(file, n -> n.startsWith("stem.conv1.") || n.startsWith("res2.") || n.startsWith("backbone.bottom_up."))) {
      return DETECTRON2;
    }
    if (any(file, n -> n.startsWith("layer1.") || n.startsWith("features.") || n.equals("conv1.weight"))) {
      return TORCHVISION;
    }
    if (any(file, n -> n.equals("conv1_w") || n.startsWith("res2_") || n.equals("conv1_1_w"))) {
      return DETECTRON;
    }
    List<String> first = file.names().stream().limit(5).toList();
    throw new IllegalArgumentException(file.file() + ": cannot tell whose naming its tensors follow (first names "
        + first + "); pass one with MappingOptions.withNaming(SourceNaming...)");
  }

  Naming naming(WeightsFile file, BackboneSpec spec) {
    return switch (this) {
      case TORCHVISION -> new TorchvisionNaming(file, spec);
      case DETECTRON -> new DetectronNaming();
      case DETECTRON2 -> new Detectron2Naming(file);
    };
  }

  private static boolean any(WeightsFile file, Predicate<String> p) {
    return file.names().stream().anyMatch(p);
  }
}
