package dev.rethink.graph.study;

import static dev.rethink.graph.TfTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.TfTesting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The tiny Mask R-CNN through {@link VariantGraph}, fed a hand-written batch in the runtime's
 * {@code DetectionBatch} layout: inputs and outputs by key, deterministic sampling per step, loss going down on
 * one batch, inference layout, resuming from a checkpoint. The tests share one graph and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DetectorVariantGraphTest {
  private static final List<String> MASK_RCNN_LOSSES = List.of("loss_rpn_cls", "loss_rpn_loc", "loss_cls",
      "loss_box_reg", "loss_mask", "weight_decay");
  private static final int STEPS = 12;
  private static final int D = 100;

  @TempDir
  static Path dir;
  static Graph graph;
  static Session session;
  static VariantGraph vg;
  static Map<InputKey, Tensor> batch;

  @BeforeAll
  static void build() {
    graph = new Graph();
    vg = VariantGraph.build(graph, TinyDetector.maskRcnn());
    session = new Session(graph, TinyDetector.FAST_COMPILE);
    session.run(vg.initializer());
    batch = TinyDetector.batch();
  }

  @AfterAll
  static void close() {
    batch.values().forEach(Tensor::close);
    session.close();
    graph.close();
  }

  @Test
  @Order(1)
  void inputsAndOutputsAreFoundByKeyWithTheDocumentedShapes() {
    assertTrue(vg.isDetector());
    assertEquals(EnumSet.of(InputKey.IMAGES, InputKey.IMAGE_HEIGHTS, InputKey.IMAGE_WIDTHS, InputKey.GT_BOXES,
        InputKey.GT_CLASSES, InputKey.GT_COUNTS, InputKey.GT_MASKS), vg.trainInputs().keySet());
    assertEquals(EnumSet.of(InputKey.IMAGES, InputKey.IMAGE_HEIGHTS, InputKey.IMAGE_WIDTHS),
        vg.evalInputs().keySet());
    assertEquals(EnumSet.of(OutputKey.BOXES, OutputKey.SCORES, OutputKey.CLASSES, OutputKey.DETECTION_COUNTS,
        OutputKey.MASKS), vg.evalOutputs().keySet());
    assertEquals(MASK_RCNN_LOSSES, List.copyOf(vg.lossTerms().keySet()));
    assertArrayEquals(new long[] {-1, -1, -1, 3}, vg.images().shape().asArray());
    assertArrayEquals(new long[] {-1, -1, 4}, vg.trainInputs().get(InputKey.GT_BOXES).shape().asArray());
    assertEquals(TInt32.class, vg.trainInputs().get(InputKey.GT_CLASSES).type());
    assertEquals("gt_masks", vg.trainInputs().get(InputKey.GT_MASKS).op().name());
    assertEquals("eval_image_heights", vg.evalInputs().get(InputKey.IMAGE_HEIGHTS).op().name());
    assertEquals("detection_masks", vg.evalOutputs().get(OutputKey.MASKS).op().name());
    assertThrows(IllegalStateException.class, vg::labels);
    assertThrows(IllegalStateException.class, vg::evalLogits);
  }

  @Test
  @Order(2)
  void theSamplingSeedIsTheVariantSeedAndTheStep() {
    float[] first = losses(null);
    assertArrayEquals(first, losses(null), 0f, "same step, same samples");
    assertArrayEquals(first, losses(new long[] {5, 0}), 0f, "the seed is [variant seed 5, step 0]");
    float[] other = losses(new long[] {5, 1});
    assertFalse(Arrays.equals(first, other), "another step samples other anchors and RoIs");
    assertEquals(first[MASK_RCNN_LOSSES.indexOf("weight_decay")], other[MASK_RCNN_LOSSES.indexOf("weight_decay")],
        0f, "weights unchanged");
  }

  @Test
  @Order(3)
  void aBatchWithoutInstancesHasOnlyBackgroundLosses() {
    try (TInt32 none = TInt32.vectorOf(0, 0)) {
      Session.Runner r = session.runner();
      vg.trainInputs().forEach((key, p) -> r.feed(p, key == InputKey.GT_COUNTS ? none : batch.get(key)));
      MASK_RCNN_LOSSES.forEach(name -> r.fetch(vg.lossTerms().get(name)));
      String maskKernel = vg.gradients().keySet().stream()
          .filter(n -> n.startsWith("roi_heads/mask_head/") && n.endsWith("/kernel")).findFirst().orElseThrow();
      r.fetch(vg.gradients().get(maskKernel));
      try (Result out = r.run()) {
        float[] v = new float[MASK_RCNN_LOSSES.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = ((TFloat32) out.get(i)).getFloat();
          assertTrue(Float.isFinite(v[i]), MASK_RCNN_LOSSES.get(i) + " = " + v[i]);
        }
        assertTrue(v[0] > 0 && v[2] > 0, "objectness and classification still learn background");
        assertEquals(0f, v[1], "no foreground anchor to regress");
        assertEquals(0f, v[3], "no foreground RoI to regress");
        assertEquals(0f, v[4], "no foreground RoI for the mask head");
        float[] maskGrad = values((TFloat32) out.get(MASK_RCNN_LOSSES.size()));
        for (float x : maskGrad) {
          assertTrue(Float.isFinite(x), "finite mask-head gradient");
        }
      }
    }
  }

  @Test
  @Order(4)
  void trainingStepsOnOneBatchReduceTheLoss() {
    float[] before = losses(null);
    for (float l : before) {
      assertTrue(Float.isFinite(l), "finite losses " + Arrays.toString(before));
    }
    float total0 = total(before);
    for (int i = 0; i < STEPS; i++) {
      TinyDetector.feed(session, vg.trainInputs(), batch).addTarget(vg.trainOp()).run();
    }
    try (TInt64 step = (TInt64) session.runner().fetch(vg.globalStep()).run().get(0)) {
      assertEquals(STEPS, step.getLong());
    }
    float[] after = losses(null);
    float total1 = total(after);
    assertTrue(total1 < 0.8f * total0, "loss after " + STEPS + " steps " + total1 + " " + Arrays.toString(after)
        + " vs " + total0 + " " + Arrays.toString(before));
  }

  @Test
  @Order(5)
  void aRunResumedFromACheckpointSamplesAsTheOriginal() {
    String prefix = dir.resolve("detector").resolve("ckpt").toString();
    session.save(prefix);
    float[] original = losses(null);
    try (Graph g = new Graph(); Session s = new Session(g, TinyDetector.FAST_COMPILE)) {
      VariantGraph resumed = VariantGraph.build(g, TinyDetector.maskRcnn());
      s.restore(prefix);
      assertArrayEquals(original, losses(s, resumed, null), 0f);
    }
  }

  @Test
  @Order(6)
  void inferenceOutputsHaveTheDocumentedLayout() {
    List<OutputKey> keys = List.of(OutputKey.BOXES, OutputKey.SCORES, OutputKey.CLASSES,
        OutputKey.DETECTION_COUNTS, OutputKey.MASKS);
    Session.Runner r = TinyDetector.feed(session, vg.evalInputs(), batch);
    keys.forEach(k -> r.fetch(vg.evalOutputs().get(k)));
    try (Result out = r.run()) {
      int n = TinyDetector.BATCH;
      assertEquals(Shape.of(n, D, 4), out.get(0).shape());
      assertEquals(Shape.of(n, D), out.get(1).shape());
      assertEquals(Shape.of(n, D), out.get(2).shape());
      assertEquals(Shape.of(n), out.get(3).shape());
      assertEquals(Shape.of(n, D, 28, 28), out.get(4).shape());
      float[] boxes = values((TFloat32) out.get(0));
      float[] scores = values((TFloat32) out.get(1));
      int[] classes = ints((TInt32) out.get(2));
      int[] counts = ints((TInt32) out.get(3));
      float[] masks = values((TFloat32) out.get(4));
      int cells = 28 * 28;
      for (int i = 0; i < n; i++) {
        assertTrue(counts[i] >= 0 && counts[i] <= D, "count " + counts[i]);
        for (int d = 0; d < D; d++) {
          int at = i * D + d;
          boolean real = d < counts[i];
          if (real) {
            assertTrue(classes[at] >= 0 && classes[at] < TinyDetector.CLASSES, "class " + classes[at]);
            assertTrue(scores[at] >= 0.05f && scores[at] <= 1, "score " + scores[at]);
            assertTrue(boxes[at * 4] >= 0 && boxes[at * 4 + 2] <= TinyDetector.WIDTHS[i]
                && boxes[at * 4 + 1] >= 0 && boxes[at * 4 + 3] <= TinyDetector.HEIGHTS[i], "box inside the image");
          } else {
            assertEquals(-1, classes[at]);
            assertEquals(0, scores[at]);
          }
          for (int c = 0; c < cells; c++) {
            float p = masks[at * cells + c];
            assertTrue(real ? p >= 0 && p <= 1 : p == 0, "mask probability " + p);
          }
        }
      }
    }
    // Any batch size: one image alone.
    try (TFloat32 image = TfTesting.floats(Shape.of(1, 64, 64, 3), new float[64 * 64 * 3]);
        TInt32 side = TInt32.vectorOf(64);
        Result out = session.runner().feed(vg.evalImages(), image)
            .feed(vg.evalInputs().get(InputKey.IMAGE_HEIGHTS), side)
            .feed(vg.evalInputs().get(InputKey.IMAGE_WIDTHS), side)
            .fetch(vg.evalOutputs().get(OutputKey.BOXES)).fetch(vg.evalOutputs().get(OutputKey.MASKS)).run()) {
      assertEquals(Shape.of(1, D, 4), out.get(0).shape());
      assertEquals(Shape.of(1, D, 28, 28), out.get(1).shape());
    }
  }

  /** The loss terms in {@link #MASK_RCNN_LOSSES} order, optionally with the sampling seed fed. */
  private static float[] losses(long[] seed) {
    return losses(session, vg, seed);
  }

  private static float[] losses(Session s, VariantGraph g, long[] seed) {
    Session.Runner r = TinyDetector.feed(s, g.trainInputs(), batch);
    List<Operand<TFloat32>> terms = new ArrayList<>();
    MASK_RCNN_LOSSES.forEach(name -> terms.add(g.lossTerms().get(name)));
    terms.forEach(r::fetch);
    TInt64 seedTensor = seed == null ? null : TInt64.vectorOf(seed);
    if (seedTensor != null) {
      r.feed(VariantGraph.SAMPLING_SEED, seedTensor);
    }
    try (Result out = r.run()) {
      float[] v = new float[terms.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = ((TFloat32) out.get(i)).getFloat();
      }
      return v;
    } finally {
      if (seedTensor != null) {
        seedTensor.close();
      }
    }
  }

  private static float total(float[] terms) {
    float t = 0;
    for (float x : terms) {
      t += x;
    }
    return t;
  }

  private static int[] ints(TInt32 t) {
    int[] a = new int[(int) t.shape().size()];
    t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(a, false, false));
    return a;
  }
}
