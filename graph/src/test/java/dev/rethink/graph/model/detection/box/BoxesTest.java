package dev.rethink.graph.model.detection.box;

import static dev.rethink.graph.model.detection.Tf.assertFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rethink.dsl.model.detection.BoxCoderWeights;
import dev.rethink.graph.model.detection.Tf;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxesTest {

  @Test
  void pairwiseIouByHand() {
    // a0 = [0,10]², a1 = [10,20]x[0,10]; b0 = [5,15]²: inter 25, union 175; b1 = a0; b2 degenerate.
    float[][] a = {{0, 0, 10, 10}, {10, 0, 20, 10}};
    float[][] b = {{5, 5, 15, 15}, {0, 0, 10, 10}, {3, 3, 3, 3}};
    Object iou = Tf.run1(tf -> Boxes.pairwiseIou(tf, tf.constant(a), tf.constant(b)));
    assertFloats(new float[] {1f / 7, 1, 0, 1f / 7, 0 /* touching edge */, 0}, iou, 1e-6);
  }

  @Test
  void paddedGroundTruthRowsGetMinusOne() {
    float[][][] gt = {{{0, 0, 10, 10}, {0, 0, 0, 0}}};
    boolean[][] valid = {{true, false}};
    float[][] anchors = {{0, 0, 10, 10}, {0, 0, 5, 10}};
    Object iou = Tf.run1(tf -> Boxes.maskedIou(tf, tf.constant(gt), tf.constant(valid), tf.constant(anchors)));
    assertFloats(new float[] {1, 0.5f, -1, -1}, iou, 1e-6);
  }

  @Test
  void clipAndNonEmpty() {
    float[][][] boxes = {{{-5, -5, 2, 30}, {3, 4, 3.5f, 9}}};
    float[][] hw = {{20, 10}}; // height 20, width 10
    List<Object> out = Tf.run(tf -> {
      var clipped = Boxes.clip(tf, tf.constant(boxes), tf.constant(hw));
      return List.of(clipped, Boxes.nonEmpty(tf, clipped, 0.0), Boxes.nonEmpty(tf, clipped, 1.0));
    });
    assertFloats(new float[] {0, 0, 2, 20, 3, 4, 3.5f, 9}, out.get(0), 0);
    assertArrayEquals(new boolean[] {true, true}, (boolean[]) out.get(1));
    assertArrayEquals(new boolean[] {true, false}, (boolean[]) out.get(2));
  }

  @Test
  void encodeByHandAndDecodeRoundTrip() {
    BoxCoder coder = new BoxCoder(BoxCoderWeights.ROI_HEADS);
    // Source centre (5, 10), size 10x20.
    float[][] src = {{0, 0, 10, 20}, {0, 0, 10, 20}};
    float[][] tgt = {{2, 4, 12, 24}, {0, 0, 20, 10}};
    List<Object> out = Tf.run(tf -> {
      var deltas = coder.encode(tf, tf.constant(src), tf.constant(tgt));
      return List.of(deltas, coder.decode(tf, deltas, tf.constant(src)));
    });
    double ln2 = Math.log(2);
    // dx = 10·2/10, dy = 10·4/20, dw = dh = 5·log 1; second: dx = 10·5/10, dy = 10·(-5)/20, dw = 5 ln 2, dh = -5 ln 2.
    assertFloats(new float[] {2, 2, 0, 0, 5, -2.5f, (float) (5 * ln2), (float) (-5 * ln2)}, out.get(0), 1e-5);
    assertFloats(new float[] {2, 4, 12, 24, 0, 0, 20, 10}, out.get(1), 1e-4);
  }

  @Test
  void decodeClampsTheScale() {
    BoxCoder coder = new BoxCoder(BoxCoderWeights.ROI_HEADS);
    // dw / ww = 10 > log(1000/16): width becomes 10 · 1000/16 = 625 around centre 5.
    Object out = Tf.run1(tf -> coder.decode(tf, tf.constant(new float[][] {{0, 0, 50, 0}}),
        tf.constant(new float[][] {{0, 0, 10, 20}})));
    assertFloats(new float[] {5 - 312.5f, 0, 5 + 312.5f, 20}, out, 1e-3);
  }
}
