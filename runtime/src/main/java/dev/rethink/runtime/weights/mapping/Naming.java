package dev.rethink.runtime.weights.mapping;

import java.util.List;

/** One source's names for our layers; the conversion rules ({@link WeightsMapping}) are shared. */
interface Naming {

  /** The source names of a backbone layer, or null when this naming has none for it (with {@link #why}). */
  SourceLayer layer(Layer layer);

  /** The source's classifier heads, most usual first ({@code fc.weight}, ...). */
  List<SourceLayer> heads();

  /**
   * Why a source tensor that no target takes is deliberately left out (bookkeeping, optimizer state, layers a
   * Rethink backbone does not have), or null when it is simply unmapped.
   */
  String skipReason(String source);

  /** Why {@link #layer} has no names for {@code layer}. */
  default String why(Layer layer) {
    return "no source name for " + layer.kind();
  }

  /**
   * Names of one source layer: its convolution (or fully connected) weight and bias, and the names its norm may
   * have, in the order tried (Detectron spells BN and GN differently).
   */
  record SourceLayer(String weight, String bias, List<NormNames> norms) {
    static SourceLayer of(String weight, String bias, NormNames... norms) {
      return new SourceLayer(weight, bias, List.of(norms));
    }
  }

  /**
   * The names of a norm's tensors; {@code mean} and {@code var} are null where the kind has none.
   *
   * @param kind what the names say about the norm
   */
  record NormNames(NormKind kind, String scale, String shift, String mean, String var) {}

  /** What the source's norm is, as far as its names tell. */
  enum NormKind {
    /** BN or GN alike (torchvision, Detectron2): running statistics present means BN. */
    EITHER,
    /** BN (Detectron {@code _bn_}); without running statistics it is an AffineChannel, BN folded by the source. */
    BATCH,
    /** GN (Detectron {@code _gn_}). */
    GROUP
  }
}
