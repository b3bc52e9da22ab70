package dev.rethink.runtime.weights.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of our layers that carries variables, parsed from its path below the backbone scope
 * ({@code stem/conv1}, {@code res3/block0/conv2}, {@code res3/block0/shortcut}, {@code conv4/conv4_2}) or the
 * classifier head.
 *
 * @param kind what the layer is
 * @param stage ResNet stage 2…5 ({@code res2}…), VGG stage 1…5; 0 for the stem and head
 * @param block ResNet block within the stage
 * @param conv ResNet convolution 1…3 within the block; VGG convolution 1… within the stage
 * @param path the path below the scope, for messages
 */
record Layer(Kind kind, int stage, int block, int conv, String path) {
  enum Kind {
    RESNET_STEM,
    RESNET_CONV,
    RESNET_SHORTCUT,
    VGG_CONV,
    HEAD,
    /** A path this package does not know; its variables are reported missing. */
    UNKNOWN
  }

  private static final Pattern CONV = Pattern.compile("res([2-5])/block(\\d+)/conv([1-3])");
  private static final Pattern SHORTCUT = Pattern.compile("res([2-5])/block(\\d+)/shortcut");
  private static final Pattern VGG = Pattern.compile("conv([1-5])/conv\\1_(\\d+)");

  static Layer head(String path) {
    return new Layer(Kind.HEAD, 0, 0, 0, path);
  }

  /** Parses a backbone layer path. */
  static Layer backbone(String path) {
    if (path.equals("stem/conv1")) {
      return new Layer(Kind.RESNET_STEM, 0, 0, 1, path);
    }
    Matcher m = CONV.matcher(path);
    if (m.matches()) {
      return new Layer(Kind.RESNET_CONV, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), path);
    }
    m = SHORTCUT.matcher(path);
    if (m.matches()) {
      return new Layer(Kind.RESNET_SHORTCUT, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 0, path);
    }
    m = VGG.matcher(path);
    if (m.matches()) {
      return new Layer(Kind.VGG_CONV, Integer.parseInt(m.group(1)), 0, Integer.parseInt(m.group(2)), path);
    }
    return new Layer(Kind.UNKNOWN, 0, 0, 0, path);
  }
}
