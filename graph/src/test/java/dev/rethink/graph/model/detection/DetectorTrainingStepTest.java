package dev.rethink.graph.model.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.BoxHeadSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.InferenceSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.ProposalLimits;
import dev.rethink.dsl.model.detection.RoiAlignSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.model.detection.TwoFc;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.dsl.optim.SgdSpec;
import dev.rethink.graph.TfTesting;
import dev.rethink.graph.core.GraphOps;
import dev.rethink.graph.core.ModelVariable;
import dev.rethink.graph.core.Tower;
import dev.rethink.graph.core.VariableRole;
import dev.rethink.graph.core.VariableStore;
import dev.rethink.graph.grad.CustomGradients;
import dev.rethink.graph.init.Initializers;
import dev.rethink.graph.optim.MomentumSgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One full training step (forward, every loss term, gradients, momentum SGD update, moving statistics) of tiny
 * detectors on CPU, for each norm kind in backbone, FPN and heads, and for Faster, Mask and Keypoint R-CNN: every
 * loss is finite and every trainable variable gets a finite, non-zero gradient. An inference tower sharing the
 * variables then produces detections.
 */
class DetectorTrainingStepTest {
  /** Grappler's graph rewrites take longer than the one step they would speed up. */
  private static final ConfigProto FAST_COMPILE = ConfigProto.newBuilder()
      .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
          .setDisableMetaOptimizer(true)))
      .build();
  private static final int IMAGES = 2;
  private static final int SIZE = 64;
  private static final int GT = 3;
  private static final int CLASSES = 3;
  private static final int KEYPOINTS = 3;
  /** Real ground truth per image; image 1 is smaller than the padded batch. */
  private static final float[][][] BOXES = {
      {{4, 6, 40, 44}, {30, 20, 60, 58}, {0, 0, 0, 0}},
      {{10, 8, 42, 40}, {0, 0, 0, 0}, {0, 0, 0, 0}}};
  /** Contiguous 0-based classes, -1 in padding (the runtime's layout). */
  private static final int[][] LABELS = {{0, 2, -1}, {1, -1, -1}};
  /** Side of the box masks. */
  private static final int MASK = 8;
  private static final int[] COUNTS = {2, 1};
  private static final float[][] IMAGE_HW = {{64, 64}, {56, 48}};

  static Stream<Arguments> detectors() {
    List<Arguments> out = new ArrayList<>();
    for (NormSpec norm : List.of(new NoNorm(), new BatchNorm(), new SyncBatchNorm(), new GroupNorm(4),
        new FrozenBatchNorm())) {
      out.add(Arguments.of("Mask R-CNN, " + norm, tiny(RcnnSpec.maskFpn(backbone(), CLASSES)
          .withMaskHead(new MaskHeadSpec(2, 16, new NoNorm(), new RoiAlignSpec(7, 2), true))
          .withNormEverywhere(norm))));
    }
    out.add(Arguments.of("Faster R-CNN, GroupNorm", tiny(RcnnSpec.fasterFpn(backbone(), CLASSES)
        .withNormEverywhere(new GroupNorm(4)))));
    out.add(Arguments.of("Keypoint R-CNN, GroupNorm", tiny(RcnnSpec.keypointFpn(backbone(), CLASSES)
        .withKeypointHead(new KeypointHeadSpec(2, 16, new NoNorm(), KEYPOINTS, new RoiAlignSpec(7, 2)))
        .withNormEverywhere(new GroupNorm(4)))));
    out.add(Arguments.of("Faster R-CNN, VGG-16 without FPN", tiny(RcnnSpec.singleLevel(
        VggSpec.of(16).withWidthMultiplier(0.125), CLASSES))));
    return out.stream();
  }

  private static ResNetSpec backbone() {
    return ResNetSpec.of(18).withWidthMultiplier(0.125); // widths 8, 8, 16, 32, 64
  }

  /** Small widths and sample sizes, anchors fitted to 64² images. */
  private static RcnnSpec tiny(RcnnSpec spec) {
    RpnSpec rpn = spec.rpn().withAnchorsPerImage(64).withLimits(new ProposalLimits(64, 24),
        new ProposalLimits(64, 24));
    rpn = spec.fpn() != null ? rpn.withAnchorSizes(List.of(8.0, 16.0, 24.0, 32.0, 48.0))
        : rpn.withAnchorSizes(List.of(16.0, 32.0));
    RoiHeadsSpec heads = spec.roiHeads().accept(standard -> standard.withRoisPerImage(16).withBoxHead(
        standard.boxHead().normSite().<BoxHeadSpec>map(norm -> new ConvFc(2, 16, 1, 32, norm))
            .orElse(new TwoFc(32))));
    InferenceSpec inference = spec.inference().withDetectionsPerImage(5);
    return spec.withFpn(spec.pyramid().map(f -> new FpnSpec(16, f.norm())).orElse(null)).withRpn(rpn)
        .withRoiHeads(heads).withInference(inference);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("detectors")
  void oneTrainingStepHasFiniteLossesAndGradientsForEveryVariable(String name, RcnnSpec spec) {
    CustomGradients.registerAll();
    try (Graph g = new Graph(); Session s = new Session(g, FAST_COMPILE)) {
      Ops tf = GraphOps.create(g);
      VariableStore store = new VariableStore(tf, 42);
      DetectionInputs in = inputs(tf, spec);
      Tower train = Tower.training(tf.withSubScope("train"), store);
      Map<String, Operand<TFloat32>> losses = Detector.losses(train.root(), spec, in, 0);
      // Both towers first, then the (large) gradient graph.
      Detector.Outputs inference = Detector.infer(Tower.inference(tf.withSubScope("inference"), store).root(), spec,
          in.images(), in.imageHw(), 0);
      Variable<TInt64> step = store.variable("global_step", Shape.scalar(), TInt64.class, VariableRole.GLOBAL_STEP,
          false, Initializers.zeros());
      MomentumSgd.Step sgd = MomentumSgd.minimize(tf.withSubScope("optimizer"), store, losses, tf.constant(0.01f),
          SgdSpec.paper(), train.updateOps(), step);
      s.run(store.initializer());

      List<String> names = new ArrayList<>(sgd.lossTerms().keySet());
      List<String> variables = new ArrayList<>(sgd.gradients().keySet());
      Session.Runner runner = s.runner();
      names.forEach(n -> runner.fetch(sgd.lossTerms().get(n)));
      variables.forEach(v -> runner.fetch(sgd.gradients().get(v)));
      runner.addTarget(sgd.trainOp());
      try (Result r = runner.run()) {
        for (int i = 0; i < names.size(); i++) {
          float loss = TfTesting.values((TFloat32) r.get(i))[0];
          assertTrue(Float.isFinite(loss), name + ": " + names.get(i) + " = " + loss);
        }
        for (int i = 0; i < variables.size(); i++) {
          float[] grad = TfTesting.values((TFloat32) r.get(names.size() + i));
          double max = 0;
          for (float x : grad) {
            assertTrue(Float.isFinite(x), name + ": gradient of " + variables.get(i) + " is not finite");
            max = Math.max(max, Math.abs(x));
          }
          assertTrue(max > 0, name + ": gradient of " + variables.get(i) + " is zero");
        }
      }
      expectedLosses(spec).forEach(l -> assertTrue(names.contains(l), name + ": no " + l + " in " + names));
      long trainable = store.all().stream().filter(ModelVariable::trainable).count();
      assertEquals(trainable, variables.size(), name + ": every trainable variable has a gradient");
      assertFalse(variables.isEmpty());

      // The inference tower reads the updated variables and returns padded, image-space detections.
      Session.Runner infer = s.runner().fetch(inference.detections().boxes()).fetch(inference.detections().count());
      if (inference.maskProbabilities() != null) {
        infer.fetch(inference.maskProbabilities());
      }
      if (inference.keypoints() != null) {
        infer.fetch(inference.keypoints());
      }
      try (Result r = infer.run()) {
        assertEquals(Shape.of(IMAGES, 5, 4), r.get(0).shape());
        for (float x : TfTesting.values((TFloat32) r.get(0))) {
          assertTrue(Float.isFinite(x) && x >= 0 && x <= SIZE, name + ": detection coordinate " + x);
        }
        if (inference.maskProbabilities() != null) {
          int side = spec.mask().orElseThrow().maskResolution(); // 2 × the 7×7 pooler here
          assertEquals(Shape.of(IMAGES, 5, side, side), r.get(2).shape());
        }
        if (inference.keypoints() != null) {
          assertEquals(Shape.of(IMAGES, 5, KEYPOINTS, 3), r.get(2).shape());
        }
      }
    }
  }

  private static List<String> expectedLosses(RcnnSpec spec) {
    List<String> out = new ArrayList<>(List.of(Detector.LOSS_RPN_CLS, Detector.LOSS_RPN_LOC, Detector.LOSS_CLS,
        Detector.LOSS_BOX_REG));
    spec.mask().ifPresent(m -> out.add(Detector.LOSS_MASK));
    spec.keypoint().ifPresent(k -> out.add(Detector.LOSS_KEYPOINT));
    return out;
  }

  /** Random images, the boxes above, box masks of a centred band and three keypoints inside each box. */
  private static DetectionInputs inputs(Ops tf, RcnnSpec spec) {
    double[] noise = TfTesting.gaussian(IMAGES * SIZE * SIZE * 3, 7);
    float[][][][] images = new float[IMAGES][SIZE][SIZE][3];
    float[][][][] masks = new float[IMAGES][GT][MASK][MASK];
    float[][][][] keypoints = new float[IMAGES][GT][KEYPOINTS][3];
    int k = 0;
    for (int n = 0; n < IMAGES; n++) {
      for (int i = 0; i < SIZE; i++) {
        for (int j = 0; j < SIZE; j++) {
          for (int c = 0; c < 3; c++) {
            images[n][i][j][c] = (float) noise[k++];
          }
        }
      }
      for (int g = 0; g < COUNTS[n]; g++) {
        float[] b = BOXES[n][g];
        for (int i = 0; i < MASK; i++) {
          for (int j = 1; j < MASK - 1; j++) {
            masks[n][g][i][j] = 1;
          }
        }
        for (int p = 0; p < KEYPOINTS; p++) {
          keypoints[n][g][p] = new float[] {b[0] + (p + 1) * (b[2] - b[0]) / 4, b[1] + (b[3] - b[1]) / 2, 2};
        }
      }
    }
    boolean hasMasks = spec.mask().isPresent();
    boolean hasKeypoints = spec.keypoint().isPresent();
    Operand<TInt32> classes = tf.constant(LABELS);
    return new DetectionInputs(tf.constant(images), tf.constant(IMAGE_HW), tf.constant(BOXES), classes,
        tf.constant(COUNTS), hasMasks ? tf.constant(masks) : null, hasKeypoints ? tf.constant(keypoints) : null,
        tf.constant(new long[] {42, 0}));
  }
}
