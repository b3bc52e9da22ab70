package dev.rethink.runtime.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.runtime.data.detection.Instance;
import dev.rethink.runtime.data.detection.KeypointSchema;
import dev.rethink.runtime.data.image.RgbImage;
import dev.rethink.runtime.mask.Rle;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionTransformTest {

  private static Instance box(long id, int label, double x0, double y0, double x1, double y1, boolean crowd,
      float[] keypoints) {
    return new Instance(id, label, new double[] {x0, y0, x1, y1}, (x1 - x0) * (y1 - y0), crowd, false, null,
        keypoints);
  }

  @Test
  void resizesLikeDetectron2ResizeShortestEdge() {
    // 640x480 at 800: scale 5/3, the longer side 1066.67 rounds to 1067; under the 1333 cap.
    assertArrayEquals(new int[] {1067, 800}, DetectionTransform.resizedSize(640, 480, 800, 1333));
    assertArrayEquals(new int[] {800, 1067}, DetectionTransform.resizedSize(480, 640, 800, 1333));
    // 2000x500 at 800 would be 3200x800: capped, x 1333/3200 -> 1333 x 333.25 -> 1333 x 333.
    assertArrayEquals(new int[] {1333, 333}, DetectionTransform.resizedSize(2000, 500, 800, 1333));
    assertArrayEquals(new int[] {1000, 800}, DetectionTransform.resizedSize(500, 400, 800, 1333));
  }

  @Test
  void boxesScaleAndFlip() {
    List<Instance> one = List.of(box(1, 3, 10, 20, 30, 40, false, null));
    DetectionTransform.Targets flipped = DetectionTransform.targets(one, 100, 50, 1, 1, true, 10, 0, null, null);
    assertArrayEquals(new float[] {70, 20, 90, 40}, flipped.boxes(), 1e-6f);
    assertArrayEquals(new int[] {3}, flipped.classes());
    DetectionTransform.Targets scaled = DetectionTransform.targets(one, 200, 25, 2, 0.5, false, 10, 0, null, null);
    assertArrayEquals(new float[] {20, 10, 60, 20}, scaled.boxes(), 1e-6f);
    DetectionTransform.Targets both = DetectionTransform.targets(one, 200, 25, 2, 0.5, true, 10, 0, null, null);
    assertArrayEquals(new float[] {140, 10, 180, 20}, both.boxes(), 1e-6f);
  }

  @Test
  void crowdEmptyAndSurplusInstancesAreLeftOut() {
    List<Instance> many = List.of(box(1, 0, 0, 0, 10, 10, false, null), box(2, 1, 0, 0, 20, 20, true, null),
        box(3, 2, 100, 0, 120, 10, false, null), // outside a 100-wide image: empty after clipping
        box(4, 3, 0, 0, 30, 5, false, null), box(5, 4, 5, 5, 9, 9, false, null));
    DetectionTransform.Targets t = DetectionTransform.targets(many, 100, 50, 1, 1, false, 2, 0, null, null);
    assertEquals(2, t.count());
    assertArrayEquals(new int[] {3, 0}, t.classes(), "the two largest remaining: 150 and 100 px");
  }

  @Test
  void keypointsFlipAndSwapLeftAndRight() {
    KeypointSchema schema = new KeypointSchema(List.of("nose", "left_eye", "right_eye"));
    float[] kp = {50.5f, 10.5f, 2, 60.5f, 8.5f, 1, 0, 0, 0};
    List<Instance> one = List.of(box(1, 0, 40, 0, 70, 20, false, kp));
    DetectionTransform.Targets t = DetectionTransform.targets(one, 100, 50, 1, 1, true, 5, 0, null,
        schema.flipIndex());
    // Mirrored in a 100-wide image: x -> 100 - x; the left eye's point becomes the right eye; the unlabeled right
    // eye becomes an unlabeled left eye at (0, 0).
    assertArrayEquals(new float[] {49.5f, 10.5f, 2, 0, 0, 0, 39.5f, 8.5f, 1}, t.keypoints(), 1e-5f);
    DetectionTransform.Targets half = DetectionTransform.targets(one, 50, 25, 0.5, 0.5, false, 5, 0, null,
        schema.flipIndex());
    assertArrayEquals(new float[] {25.25f, 5.25f, 2, 30.25f, 4.25f, 1, 0, 0, 0}, half.keypoints(), 1e-5f);
  }

  @Test
  void boxMasksMirrorWithTheirBox() {
    float[] mask = new float[9];
    mask[0] = 1; // top-left cell
    mask[5] = 0.5f; // middle-right cell
    List<Instance> one = List.of(box(1, 0, 10, 10, 40, 40, false, null));
    DetectionTransform.Targets t = DetectionTransform.targets(one, 100, 100, 1, 1, true, 5, 3, in -> mask, null);
    assertArrayEquals(new float[] {0, 0, 1, 0.5f, 0, 0, 0, 0, 0}, t.masks());
  }

  @Test
  void boxMaskCropsAndResamplesTheMask() {
    // An 8x4 image whose mask is the rectangle x in [2, 6), y in [1, 3).
    boolean[] rowMajor = new boolean[32];
    for (int y = 1; y < 3; y++) {
      for (int x = 2; x < 6; x++) {
        rowMajor[y * 8 + x] = true;
      }
    }
    Rle rle = Rle.encodeRowMajor(rowMajor, 4, 8);
    float[] tight = BoxMasks.crop(rle, new double[] {2, 1, 6, 3}, 4);
    for (float v : tight) {
      assertEquals(1f, v);
    }
    // Over the whole image, 4x4 cells of 2x1 pixels: the mask covers cells (row 1..2, col 1..2) exactly.
    float[] whole = BoxMasks.crop(rle, new double[] {0, 0, 8, 4}, 4);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(i >= 1 && i <= 2 && j >= 1 && j <= 2 ? 1f : 0f, whole[i * 4 + j], i + "," + j);
      }
    }
    // A box over pixels x = 1..2 of row 1, 2x2 cells of 1 x 0.5 pixels: the right column (x = 2) is on the mask.
    float[] half = BoxMasks.crop(rle, new double[] {1, 1, 3, 2}, 2);
    assertArrayEquals(new float[] {0, 1, 0, 1}, half);
  }

  @Test
  void evalUsesTheTestSizeWithoutFlipAndNormalizes() {
    byte[] rgb = new byte[16 * 8 * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) 255;
    }
    DetectionTransform t = new DetectionTransform(new DetectionInput(12, 16, 8, 100, true, 32));
    DetectionTransform.Prepared p = t.apply(new RgbImage(16, 8, rgb),
        List.of(box(1, 0, 0, 0, 4, 4, false, null)), null, 10, 0, null, null);
    assertEquals(16, p.width());
    assertEquals(8, p.height());
    assertEquals(false, p.flipped());
    assertEquals(1f, p.scale(), 1e-6);
    assertEquals((1 - 0.485) / 0.229, p.pixels()[0], 1e-4);
    assertEquals(-0.456 / 0.224, p.pixels()[1], 1e-4);
    assertArrayEquals(new float[] {0, 0, 4, 4}, p.targets().boxes(), 1e-6f);
  }
}
