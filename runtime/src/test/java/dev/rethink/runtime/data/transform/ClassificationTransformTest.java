package dev.rethink.runtime.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.runtime.data.image.Resample;
import dev.rethink.runtime.data.image.RgbImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassificationTransformTest {

  /** An image whose pixel (x, y) is (10x + y, 100 + x, 200 - y): every pixel is distinct and easy to predict. */
  private static RgbImage ramp(int w, int h) {
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = (y * w + x) * 3;
        rgb[p] = (byte) (10 * x + y);
        rgb[p + 1] = (byte) (100 + x);
        rgb[p + 2] = (byte) (200 - y);
      }
    }
    return new RgbImage(w, h, rgb);
  }

  private static float norm(int v, int c) {
    float[] mean = {0.485f, 0.456f, 0.406f};
    float[] std = {0.229f, 0.224f, 0.225f};
    return (v / 255f - mean[c]) / std[c];
  }

  @Test
  void normalizesWithImageNetStatistics() {
    // (v / 255 - mean) / std worked out by hand for v = 255 (R), 0 (G), 128 (B).
    float[] px = {255, 0, 128};
    PixelNormalization.IMAGENET.apply(px, 0, 3);
    assertEquals(2.2489083, px[0], 1e-5);
    assertEquals(-2.0357143, px[1], 1e-5);
    assertEquals(0.4264924, px[2], 1e-5);
  }

  @Test
  void resizeToSameSizeKeepsPixels() {
    RgbImage im = ramp(5, 3);
    float[] out = Resample.resize(im, 5, 3);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(im.at(x, y, c), out[(y * 5 + x) * 3 + c], 1e-4);
        }
      }
    }
  }

  @Test
  void cropIsTheSubImage() {
    RgbImage im = ramp(8, 6);
    float[] out = Resample.resize(im, 2, 1, 4, 3, 4, 3, false);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(10 * (x + 2) + (y + 1), out[(y * 4 + x) * 3], 1e-4);
        assertEquals(200 - (y + 1), out[(y * 4 + x) * 3 + 2], 1e-4);
      }
    }
  }

  @Test
  void flipMirrorsColumns() {
    RgbImage im = ramp(4, 2);
    float[] out = Resample.resize(im, 0, 0, 4, 2, 4, 2, true);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(10 * (3 - x) + y, out[(y * 4 + x) * 3], 1e-4);
        assertEquals(100 + (3 - x), out[(y * 4 + x) * 3 + 1], 1e-4);
      }
    }
  }

  @Test
  void upsamplingIsBilinearWithHalfPixelCentres() {
    // [0, 100] to 4 pixels: output centres fall at input coordinates -0.25, 0.25, 0.75, 1.25 (edges clamp).
    RgbImage im = new RgbImage(2, 1, new byte[] {0, 0, 0, 100, 100, 100});
    float[] out = Resample.resize(im, 4, 1);
    assertArrayEquals(new float[] {0, 25, 75, 100}, new float[] {out[0], out[3], out[6], out[9]}, 1e-4f);
  }

  @Test
  void downsamplingAveragesWithAWidenedTriangle() {
    // PIL's antialiased bilinear, [0, 40, 80, 120] to 2 pixels: support 2; output 0 is centred at 1.0 and weighs
    // input centres 0.5, 1.5, 2.5 by 0.75, 0.75, 0.25 -> 50 / 1.75; output 1 (centre 3.0) weighs 1.5, 2.5, 3.5 by
    // 0.25, 0.75, 0.75 -> 160 / 1.75.
    RgbImage im = new RgbImage(4, 1, new byte[] {0, 0, 0, 40, 40, 40, 80, 80, 80, 120, 120, 120});
    float[] out = Resample.resize(im, 2, 1);
    assertEquals(50 / 1.75, out[0], 1e-4);
    assertEquals(160 / 1.75, out[3], 1e-4);
  }

  @Test
  void trainingViewIsTheImageOrItsMirrorNormalized() {
    RgbImage im = ramp(8, 8);
    ClassificationTransform t = new ClassificationTransform(new ClassificationInput(8, false, true));
    int flipped = 0;
    for (int seed = 0; seed < 40; seed++) {
      float[] out = new float[8 * 8 * 3];
      t.train(im, new SplittableRandom(seed), out, 0);
      boolean flip = Math.abs(out[0] - norm(im.at(7, 0, 0), 0)) < 1e-4;
      flipped += flip ? 1 : 0;
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          int sx = flip ? 7 - x : x;
          for (int c = 0; c < 3; c++) {
            assertEquals(norm(im.at(sx, y, c), c), out[(y * 8 + x) * 3 + c], 1e-4);
          }
        }
      }
    }
    assertTrue(flipped > 5 && flipped < 35, "flips " + flipped + " of 40");
  }

  @Test
  void noFlipWhenDisabled() {
    RgbImage im = ramp(8, 8);
    ClassificationTransform t = new ClassificationTransform(new ClassificationInput(8, false, false));
    for (int seed = 0; seed < 10; seed++) {
      float[] out = new float[8 * 8 * 3];
      t.train(im, new SplittableRandom(seed), out, 0);
      assertEquals(norm(im.at(0, 0, 0), 0), out[0], 1e-4);
    }
  }

  @Test
  void evalResizesShorterSideThenCropsCentre() {
    // 24 x 8 image, size 8: Resize(int(8 / 0.875) = 9) gives 27 x 9; CenterCrop(8) starts at
    // left = round((27 - 8) / 2) = round(9.5) = 10 (half to even), top = round(0.5) = 0.
    int[] resized = ClassificationTransform.shorterSideTo(24, 8, 9);
    assertArrayEquals(new int[] {27, 9}, resized);
    RgbImage im = ramp(24, 8);
    float[] expected = Resample.resize(im, 27, 9);
    ClassificationTransform t = new ClassificationTransform(new ClassificationInput(8, true, true));
    float[] out = new float[8 * 8 * 3];
    t.eval(im, out, 0);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        assertEquals((expected[(y * 27 + x + 10) * 3] / 255f - 0.485f) / 0.229f, out[(y * 8 + x) * 3], 1e-4);
      }
    }
  }

  @Test
  void randomResizedCropStaysInsideWithTorchvisionRanges() {
    for (int seed = 0; seed < 200; seed++) {
      int[] box = ClassificationTransform.randomResizedCrop(200, 120, new SplittableRandom(seed));
      assertTrue(box[0] >= 0 && box[1] >= 0 && box[0] + box[2] <= 200 && box[1] + box[3] <= 120);
      double area = (double) box[2] * box[3] / (200 * 120);
      double ratio = (double) box[2] / box[3];
      boolean fallback = box[2] == 160 && box[3] == 120; // centre crop at ratio 4/3 for a 5:3 image
      assertTrue(fallback || (area > 0.07 && area <= 1.0 && ratio > 0.74 && ratio < 1.35),
          "box " + java.util.Arrays.toString(box));
    }
  }

  @Test
  void randomResizedCropFallsBackToCentreCropForExtremeShapes() {
    // 1000 x 2: any area in [160, 2000] at ratio in [3/4, 4/3] needs h >= 11 > 2, so all ten attempts fail;
    // torchvision then takes h = 2, w = round(2 * 4/3) = 3, centred: x = (1000 - 3) // 2 = 498, y = 0.
    assertArrayEquals(new int[] {498, 0, 3, 2},
        ClassificationTransform.randomResizedCrop(1000, 2, new SplittableRandom(3)));
  }
}
