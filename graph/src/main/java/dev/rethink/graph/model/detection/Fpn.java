package dev.rethink.graph.model.detection;

import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.graph.backbone.FeatureMaps;
import dev.rethink.graph.core.LayerScope;
import dev.rethink.graph.layers.Conv2d;
import dev.rethink.graph.layers.ConvNorm;
import dev.rethink.graph.layers.Pooling;
import dev.rethink.graph.norm.Normalization;
import dev.rethink.graph.norm.Norms;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Lowers {@link FpnSpec} (Detectron2 {@code FPN} with {@code LastLevelMaxPool}): for res2…res5 a 1×1 lateral conv
 * ({@code fpn/lateral{l}}), top-down nearest ×2 upsampling added to the next lateral, a 3×3 output conv per level
 * ({@code fpn/output{l}}), each conv followed by the FPN's norm (a bias when none); P6 is P5 sampled with a
 * kernel-1 stride-2 max-pool. Kernels use MSRA init (the paper's scratch init; Detectron2 uses Xavier here).
 */
public final class Fpn {
  /** Scope of the FPN within a tower. */
  public static final String SCOPE = "fpn";
  /** The backbone stages FPN reads, for P2…P5. */
  public static final List<String> INPUT_STAGES = List.of("res2", "res3", "res4", "res5");

  private Fpn() {}

  /** P2…P6, each {@code [N, H / 2^l, W / 2^l, outChannels]}. */
  public static List<Operand<TFloat32>> build(LayerScope scope, FeatureMaps<TFloat32> backbone, FpnSpec spec) {
    Ops tf = scope.tf();
    Normalization norm = Norms.lower(spec.norm());
    List<Operand<TFloat32>> laterals = new ArrayList<>();
    for (int i = 0; i < INPUT_STAGES.size(); i++) {
      laterals.add(ConvNorm.apply(scope, "lateral" + (i + 2), backbone.get(INPUT_STAGES.get(i)),
          Conv2d.of(1, spec.outChannels()), norm));
    }
    Operand<TFloat32>[] outputs = newArray(INPUT_STAGES.size());
    Operand<TFloat32> topDown = laterals.get(laterals.size() - 1);
    for (int i = laterals.size() - 1; i >= 0; i--) {
      if (i < laterals.size() - 1) {
        Operand<TInt32> size = tf.slice(tf.shape(laterals.get(i)), tf.constant(new int[] {1}),
            tf.constant(new int[] {2}));
        topDown = tf.math.add(laterals.get(i), tf.image.resizeNearestNeighbor(topDown, size));
      }
      outputs[i] = ConvNorm.apply(scope, "output" + (i + 2), topDown, Conv2d.of(3, spec.outChannels()), norm);
    }
    List<Operand<TFloat32>> levels = new ArrayList<>(List.of(outputs));
    levels.add(Pooling.maxPool(tf, outputs[outputs.length - 1], 1, 2, 0));
    return List.copyOf(levels);
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32>[] newArray(int n) {
    return (Operand<TFloat32>[]) new Operand<?>[n];
  }
}
