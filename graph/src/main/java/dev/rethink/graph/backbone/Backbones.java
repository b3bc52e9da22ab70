package dev.rethink.graph.backbone;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.norm.Normalization;
import dev.rethink.graph.norm.Norms;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/** Lowers any {@link BackboneSpec} (exhaustive visitor) and holds what all backbones share: frozen stages. */
public final class Backbones {
  /** Scope of the backbone within a tower; checkpoint transfers copy the variables under it. */
  public static final String SCOPE = dev.rethink.graph.core.ModelVariable.BACKBONE_SCOPE;

  private Backbones() {}

  /**
   * Builds {@code spec} under {@code scope} (conventionally {@code tower.root().child(Backbones.SCOPE)}).
   *
   * @param freezeAt number of leading stages frozen ({@code InitSpec.freezeAt})
   */
  public static <T extends TFloating> FeatureMaps<T> build(LayerScope scope, Operand<T> images, BackboneSpec spec,
      int freezeAt) {
    return spec.accept(new BackboneSpec.Visitor<>() {
      @Override
      public FeatureMaps<T> resNet(ResNetSpec s) {
        return ResNet.build(scope, images, s, freezeAt);
      }

      @Override
      public FeatureMaps<T> vgg(VggSpec s) {
        return Vgg.build(scope, images, s, freezeAt);
      }
    });
  }

  /** Rejects a {@code freezeAt} outside {@code [0, number of stages]}. */
  static void checkFreezeAt(BackboneSpec spec, int freezeAt) {
    if (freezeAt < 0 || freezeAt > spec.stages().size()) {
      throw new IllegalArgumentException("freezeAt=" + freezeAt + " must be in [0, " + spec.stages().size()
          + "] for stages " + spec.stages().stream().map(BackboneSpec.Stage::name).toList());
    }
  }

  /** The scope of stage {@code index} (0 = first), frozen when {@code index < freezeAt}. */
  static LayerScope stageScope(LayerScope backbone, String name, int index, int freezeAt) {
    LayerScope s = backbone.child(name);
    return index < freezeAt ? s.frozen() : s;
  }

  /** The norm of stage {@code index}: BN kinds become FrozenBN in frozen stages (Detectron2). */
  static Normalization stageNorm(BackboneSpec spec, int index, int freezeAt) {
    return index < freezeAt ? Norms.lowerFrozen(spec.norm()) : Norms.lower(spec.norm());
  }
}
