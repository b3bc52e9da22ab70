package dev.rethink.graph.study;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.ProposalLimits;
import dev.rethink.dsl.model.detection.RoiAlignSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.optim.SgdSpec;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The tiny Mask R-CNN of the detector VariantGraph tests (ResNet-18 × 0.25 with the quick profile's backbone,
 * GN(8) everywhere, FPN 32 channels, 64² images, batch 2) and one batch in the runtime's {@code DetectionBatch}
 * layout, written by hand as flat arrays.
 */
final class TinyDetector {
  /** Grappler's graph rewrites take longer than the few steps a test runs. */
  static final ConfigProto FAST_COMPILE = ConfigProto.newBuilder()
      .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
          .setDisableMetaOptimizer(true)))
      .build();
  static final int BATCH = 2;
  static final int SIZE = 64;
  static final int MAX_INSTANCES = 3;
  static final int MASK = 56;
  static final int CLASSES = SyntheticCoco.CLASSES;
  static final int[] HEIGHTS = {64, 48};
  static final int[] WIDTHS = {64, 64};
  static final int[] COUNTS = {2, 1};
  /** Per image, per slot: x0, y0, x1, y1 in pixels; zeros in padding. */
  static final float[] BOXES = {
      4, 6, 36, 40, 30, 20, 60, 58, 0, 0, 0, 0,
      10, 8, 42, 40, 0, 0, 0, 0, 0, 0, 0, 0};
  /** Contiguous 0-based classes, -1 in padding. */
  static final int[] CLASS_IDS = {3, 7, -1, 1, -1, -1};

  private TinyDetector() {}

  /** The quick profile's classifier backbone (ResNet-18 × 0.25, GN(8)): its checkpoints seed this detector. */
  static VariantSpec maskRcnn() {
    NormSpec gn = new GroupNorm(Scale.QUICK.groupNormGroups());
    ResNetSpec backbone = ResNetSpec.of(18).withWidthMultiplier(Scale.QUICK.widthMultiplier());
    RcnnSpec base = RcnnSpec.maskFpn(backbone, CLASSES).withFpn(new FpnSpec(32, gn)).withNormEverywhere(gn);
    RcnnSpec spec = base
        .withRpn(base.rpn().withAnchorSizes(List.of(8.0, 16.0, 24.0, 32.0, 48.0)).withAnchorsPerImage(64)
            .withLimits(new ProposalLimits(128, 32), new ProposalLimits(128, 32)))
        .withRoiHeads(base.roiHeads().withBoxHead(new ConvFc(2, 32, 1, 64, gn)).withRoisPerImage(32))
        .withMaskHead(new MaskHeadSpec(2, 32, gn, new RoiAlignSpec(14, 2), true));
    return variant(spec);
  }

  static VariantSpec variant(RcnnSpec spec) {
    ScheduleSpec schedule = new ScheduleSpec(BATCH, 100, 0.02, new WarmupSpec(0, 1.0), List.of(), 0.1);
    return new VariantSpec("tiny-mask-rcnn", spec, InitSpec.scratch(), SyntheticCoco.instances(8, 4, SIZE, 1),
        DetectionInput.fixed(SIZE, SIZE), schedule, SgdSpec.paper(), EvalSpec.atEnd(CocoAp.boxAndMask()), 5L);
  }

  /**
   * Noise images with each instance drawn as a bright ellipse inscribed in its box (image 1 is 48 rows high,
   * zero-padded to 64); box masks of those ellipses (1 inside, 0 outside, sampled at box-mask cell centres).
   */
  static Map<InputKey, Tensor> batch() {
    SplittableRandom random = new SplittableRandom(11);
    float[] pixels = new float[BATCH * SIZE * SIZE * 3];
    float[] masks = new float[BATCH * MAX_INSTANCES * MASK * MASK];
    for (int n = 0; n < BATCH; n++) {
      for (int i = 0; i < HEIGHTS[n]; i++) {
        for (int j = 0; j < WIDTHS[n]; j++) {
          for (int c = 0; c < 3; c++) {
            pixels[((n * SIZE + i) * SIZE + j) * 3 + c] = (float) (0.3 * random.nextGaussian());
          }
        }
      }
      for (int g = 0; g < COUNTS[n]; g++) {
        float[] b = box(n, g);
        for (int i = 0; i < HEIGHTS[n]; i++) {
          for (int j = 0; j < WIDTHS[n]; j++) {
            if (insideEllipse(b, j + 0.5, i + 0.5)) {
              int at = ((n * SIZE + i) * SIZE + j) * 3;
              pixels[at] = 1.5f + 0.2f * CLASS_IDS[n * MAX_INSTANCES + g];
              pixels[at + 1] = -1;
            }
          }
        }
        for (int a = 0; a < MASK; a++) {
          for (int c = 0; c < MASK; c++) {
            double x = b[0] + (c + 0.5) * (b[2] - b[0]) / MASK;
            double y = b[1] + (a + 0.5) * (b[3] - b[1]) / MASK;
            masks[((n * MAX_INSTANCES + g) * MASK + a) * MASK + c] = insideEllipse(b, x, y) ? 1 : 0;
          }
        }
      }
    }
    Map<InputKey, Tensor> feed = new EnumMap<>(InputKey.class);
    feed.put(InputKey.IMAGES, floats(Shape.of(BATCH, SIZE, SIZE, 3), pixels));
    feed.put(InputKey.IMAGE_HEIGHTS, TInt32.vectorOf(HEIGHTS));
    feed.put(InputKey.IMAGE_WIDTHS, TInt32.vectorOf(WIDTHS));
    feed.put(InputKey.GT_BOXES, floats(Shape.of(BATCH, MAX_INSTANCES, 4), BOXES));
    feed.put(InputKey.GT_CLASSES, TInt32.tensorOf(Shape.of(BATCH, MAX_INSTANCES), DataBuffers.of(CLASS_IDS)));
    feed.put(InputKey.GT_COUNTS, TInt32.vectorOf(COUNTS));
    feed.put(InputKey.GT_MASKS, floats(Shape.of(BATCH, MAX_INSTANCES, MASK, MASK), masks));
    return feed;
  }

  /** A runner fed with every input of {@code inputs} from {@code batch}. */
  static Session.Runner feed(Session s, Map<InputKey, Operand<?>> inputs, Map<InputKey, Tensor> batch) {
    Session.Runner r = s.runner();
    inputs.forEach((key, placeholder) -> r.feed(placeholder, batch.get(key)));
    return r;
  }

  static float[] box(int n, int g) {
    int at = (n * MAX_INSTANCES + g) * 4;
    return new float[] {BOXES[at], BOXES[at + 1], BOXES[at + 2], BOXES[at + 3]};
  }

  private static boolean insideEllipse(float[] b, double x, double y) {
    double cx = (b[0] + b[2]) / 2;
    double cy = (b[1] + b[3]) / 2;
    double rx = (b[2] - b[0]) / 2;
    double ry = (b[3] - b[1]) / 2;
    double u = (x - cx) / rx;
    double v = (y - cy) / ry;
    return u * u + v * v <= 1;
  }

  private static TFloat32 floats(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }
}
