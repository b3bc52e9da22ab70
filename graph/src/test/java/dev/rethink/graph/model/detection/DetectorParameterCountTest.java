package dev.rethink.graph.model.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.core.VariableStore;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Weight and bias counts equal to torchvision's published {@code num_params} for the same configurations:
 * ResNet-50 (stride in the 3×3) with FrozenBatchNorm (its affine parameters are buffers in torchvision, not
 * parameters; here they are norm variables, not counted), FPN 256 without norm (convs with bias), Detectron2's RPN
 * head, the 2fc (1024) box head with class-specific regression, and:
 * <ul>
 *   <li>{@code maskrcnn_resnet50_fpn}: 91 classes with background (90 here) and the 4×256-conv + deconv mask head —
 *       44,401,393;
 *   <li>{@code fasterrcnn_resnet50_fpn}: the same without the mask head — 41,755,286;
 *   <li>{@code keypointrcnn_resnet50_fpn}: 2 classes with background (1 here) and the 8×512-conv keypoint head
 *       with its 4×4 transposed conv to 17 maps — 59,137,258.
 * </ul>
 * One documented difference: torchvision's predictors also have outputs for the background class — box deltas
 * {@code 4 × (K + 1)} and mask logits for {@code K + 1} classes — where Detectron2 (and this code) regress and
 * segment the {@code K} foreground classes only. The expected counts subtract those rows:
 * {@code 4 · (1024 + 1)} weights and biases in {@code bbox_pred}, {@code 256 + 1} in the mask predictor.
 */
class DetectorParameterCountTest {
  /** torchvision's {@code bbox_pred} background rows: 4 outputs of a 1024-wide layer, with bias. */
  private static final long TORCHVISION_BACKGROUND_BOX_ROWS = 4 * (1024 + 1);
  /** torchvision's mask predictor background channel: a 1×1 conv from 256 channels, with bias. */
  private static final long TORCHVISION_BACKGROUND_MASK_CHANNEL = 256 + 1;
  private static final ResNetSpec R50 = ResNetSpec.of(50).withNorm(new FrozenBatchNorm());

  @Test
  void maskRcnnR50FpnMatchesTorchvision() {
    assertEquals(44_401_393L - TORCHVISION_BACKGROUND_BOX_ROWS - TORCHVISION_BACKGROUND_MASK_CHANNEL,
        weightsAndBiases(RcnnSpec.maskFpn(R50, 90)));
  }

  @Test
  void fasterRcnnR50FpnMatchesTorchvision() {
    assertEquals(41_755_286L - TORCHVISION_BACKGROUND_BOX_ROWS, weightsAndBiases(RcnnSpec.fasterFpn(R50, 90)));
  }

  @Test
  void keypointRcnnR50FpnMatchesTorchvision() {
    assertEquals(59_137_258L - TORCHVISION_BACKGROUND_BOX_ROWS, weightsAndBiases(RcnnSpec.keypointFpn(R50, 1)));
  }

  private static long weightsAndBiases(RcnnSpec spec) {
    try (Graph g = new Graph()) {
      Ops tf = GraphOps.create(g);
      VariableStore store = new VariableStore(tf, 0);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
      Placeholder<TFloat32> hw = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 2)));
      Detector.infer(Tower.inference(tf.withSubScope("inference"), store).root(), spec, images, hw, 0);
      return store.all().stream()
          .filter(v -> v.role() == VariableRole.KERNEL || v.role() == VariableRole.BIAS)
          .mapToLong(ModelVariable::size).sum();
    }
  }
}
