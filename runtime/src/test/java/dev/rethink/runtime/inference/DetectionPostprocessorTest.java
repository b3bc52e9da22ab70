package dev.rethink.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rethink.dsl.eval.IouType;
import dev.rethink.runtime.eval.coco.Box;
import dev.rethink.runtime.eval.coco.CocoCategory;
import dev.rethink.runtime.eval.coco.CocoDetection;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import dev.rethink.runtime.eval.coco.CocoImage;
import dev.rethink.runtime.eval.coco.CocoJson;
import dev.rethink.runtime.eval.coco.Segmentation;
import dev.rethink.runtime.mask.Rle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mask pasting and the mapping back to original images on cases worked out by hand from Detectron2's definitions:
 * pixel {@code (i, j)} reads the R×R mask bilinearly at column {@code (j + 0.5 - x0) R / w - 0.5} (and likewise
 * for rows), cells outside the mask reading 0, foreground where the value is {@code >= 0.5}; boxes and keypoints
 * are multiplied by original / resized size per axis, clipped, and dropped when empty. RLE counts run down
 * columns from a background run.
 */
class DetectionPostprocessorTest {
  private static final double HALF = 0.5;

  @Test
  void anAllOnesMaskCoversExactlyThePixelsOfAnIntegerBox() {
    // 5×5 image, box (1, 1)-(3, 3), R = 2: column j reads cell j - 1; cells 0 and 1 exist, so columns and rows
    // 1..2 are foreground. Column-major: 6 background, 2 foreground, 3 background, 2 foreground, 12 background.
    Rle rle = MaskPaster.paste(new float[] {1, 1, 1, 1}, 0, 2, 1, 1, 3, 3, 5, 5, HALF);
    assertArrayEquals(new int[] {6, 2, 3, 2, 12}, rle.counts());
    assertEquals(4, rle.area());
  }

  @Test
  void bilinearValuesAtExactlyTheThresholdAreForeground() {
    // Mask columns (0, 1) in both rows; box (0.5, 0)-(2.5, 2) in a 2×3 image: R / w = 1, so column j reads
    // mask column j - 0.5 -> j = 0: half of cell -1 (0) and half of cell 0 (0) = 0; j = 1: half of 0 and half
    // of 1 = 0.5; j = 2: half of cell 1 (1) and half of cell 2 (outside: 0) = 0.5. Rows read rows 0 and 1.
    float[] mask = {0, 1, 0, 1};
    assertArrayEquals(new int[] {2, 4}, MaskPaster.paste(mask, 0, 2, 0.5, 0, 2.5, 2, 2, 3, HALF).counts());
    // Just above 0.5 nothing is foreground.
    assertArrayEquals(new int[] {6}, MaskPaster.paste(mask, 0, 2, 0.5, 0, 2.5, 2, 2, 3, 0.51).counts());
  }

  @Test
  void interpolationBetweenCellsFollowsTheWeights() {
    // Box (0, 0)-(4, 2) in a 2×4 image, R = 2: R / w = 0.5, column j reads (j + 0.5) / 2 - 0.5:
    // j = 0: -0.25 -> 0.75 * cell 0 = 0; j = 1: 0.25 -> 0.75 * 0 + 0.25 * 1 = 0.25 (background);
    // j = 2: 0.75 -> 0.25 * 0 + 0.75 * 1 = 0.75; j = 3: 1.25 -> 0.75 * cell 1 = 0.75. Rows read rows exactly.
    float[] mask = {0, 1, 0, 1};
    assertArrayEquals(new int[] {4, 4}, MaskPaster.paste(mask, 0, 2, 0, 0, 4, 2, 2, 4, HALF).counts());
  }

  @Test
  void aMaskAtAnOffsetAndABoxAtTheImageBorder() {
    // Second mask of a buffer (offset 4): all ones. Box (3, 0)-(5, 2) in a 2×4 image (the box leaves the image):
    // columns 3 reads cell 0 -> foreground; column 4 is outside the image. Rows 0 and 1.
    float[] masks = {0, 0, 0, 0, 1, 1, 1, 1};
    assertArrayEquals(new int[] {6, 2}, MaskPaster.paste(masks, 4, 2, 3, 0, 5, 2, 2, 4, HALF).counts());
    // A box without area pastes nothing.
    assertArrayEquals(new int[] {8}, MaskPaster.paste(masks, 4, 2, 3, 0, 3, 2, 2, 4, HALF).counts());
  }

  /**
   * One image fed at 100×150 (h×w), originally 250×300: boxes scale by 2 in x and 2.5 in y, then clip to
   * 300×250; the third detection lies beyond the right edge and is dropped; classes map to category ids.
   */
  private static DetectorOutputs batch() {
    float[] boxes = {
        10, 20, 50, 60, // -> (20, 50, 100, 150)
        140, 90, 160, 110, // -> (280, 225, 320, 275), clipped to (280, 225, 300, 250)
        150, 10, 155, 20, // -> x from 300 to 310, clipped to 300..300: empty
        0, 0, 0, 0}; // padding
    float[] scores = {0.9f, 0.8f, 0.7f, 0};
    int[] classes = {0, 2, 1, -1};
    float[] masks = new float[4 * 2 * 2];
    java.util.Arrays.fill(masks, 1f);
    float[] keypoints = {10, 20, 3.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    return new DetectorOutputs(1, 4, boxes, scores, classes, new int[] {3}, 2, masks, 1, keypoints);
  }

  @Test
  void boxesAndKeypointsMapBackPerAxisClipAndDropEmptyBoxes() {
    List<ImageDetection> d = new DetectionPostprocessor(HALF).image(batch(), 0, 42L, 100, 150, 250, 300);
    assertEquals(2, d.size());
    ImageDetection a = d.get(0);
    assertEquals(List.of(20.0, 50.0, 100.0, 150.0), List.of(a.x0(), a.y0(), a.x1(), a.y1()));
    assertEquals(0, a.classIndex());
    assertEquals(0.9f, a.score(), 0);
    assertArrayEquals(new double[] {20, 50, 3.5}, a.keypoints(), 1e-12);
    ImageDetection b = d.get(1);
    assertEquals(List.of(280.0, 225.0, 300.0, 250.0), List.of(b.x0(), b.y0(), b.x1(), b.y1()));
    assertEquals(2, b.classIndex());
    // The all-ones 2×2 mask pasted into the 80×100 box (20, 50)-(100, 150): pixel column 20 reads mask column
    // (0.5 / 80) * 2 - 0.5 = -0.4875, i.e. 0.5125 of cell 0; row 50 reads 0.51 of row 0. Mid-edge pixels are
    // foreground (0.5125 * 1), a corner is not (0.5125 * 0.51 < 0.5), and nothing outside the box is
    // (column 19 would read 0.4875): the mask's tight box is the detection's box.
    boolean[] pixels = a.mask().decodeRowMajor();
    assertEquals(true, pixels[100 * 300 + 20]);
    assertEquals(true, pixels[50 * 300 + 60]);
    assertEquals(false, pixels[50 * 300 + 20]);
    assertEquals(false, pixels[100 * 300 + 19]);
    assertArrayEquals(new double[] {20, 50, 80, 100}, a.mask().toBbox(), 0);
    assertEquals(250, b.mask().height());
    assertEquals(300, b.mask().width());
  }

  @Test
  void cocoResultsUseCategoryIdsXywhAndPixelIndexKeypointsAndReadBack() throws Exception {
    List<Long> categoryIds = List.of(1L, 5L, 9L);
    List<ImageDetection> d = new DetectionPostprocessor(HALF).image(batch(), 0, 42L, 100, 150, 250, 300);
    List<CocoDetection> coco = d.stream().map(x -> x.toCoco(categoryIds)).toList();
    assertEquals(1, coco.get(0).categoryId());
    assertEquals(9, coco.get(1).categoryId());
    assertEquals(new Box(20, 50, 80, 100), coco.get(0).bbox());
    assertEquals(new Box(280, 225, 20, 25), coco.get(1).bbox());
    // Detectron2 subtracts half a pixel: COCO keypoints are pixel indices.
    assertArrayEquals(new double[] {19.5, 49.5, 3.5}, coco.get(0).keypoints().values(), 1e-12);

    CocoGroundTruth gt = new CocoGroundTruth(List.of(new CocoImage(42L, 300, 250)),
        List.of(new CocoCategory(1, "a"), new CocoCategory(5, "b"), new CocoCategory(9, "c")), List.of());
    for (IouType type : List.of(IouType.BBOX, IouType.SEGM)) {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      List<CocoDetection> view = coco.stream().map(c -> single(c, type)).toList();
      CocoJson.writeResults(json, view, type);
      List<CocoDetection> read = CocoJson.readResults(new ByteArrayInputStream(json.toByteArray()), type.cocoName(),
          gt);
      assertEquals(2, read.size());
      for (int i = 0; i < 2; i++) {
        assertEquals(coco.get(i).imageId(), read.get(i).imageId());
        assertEquals(coco.get(i).categoryId(), read.get(i).categoryId());
        assertEquals(coco.get(i).score(), read.get(i).score(), 0);
        if (type == IouType.BBOX) {
          assertEquals(coco.get(i).bbox(), read.get(i).bbox());
          assertNull(read.get(i).segmentation());
        } else {
          assertEquals(d.get(i).mask(), ((Segmentation.Mask) read.get(i).segmentation()).rle());
          assertEquals(d.get(i).mask().area(), read.get(i).area(), 0);
        }
      }
    }
  }

  private static CocoDetection single(CocoDetection d, IouType type) {
    return type == IouType.BBOX ? CocoDetection.box(d.imageId(), d.categoryId(), d.score(), d.bbox())
        : CocoDetection.mask(d.imageId(), d.categoryId(), d.score(), ((Segmentation.Mask) d.segmentation()).rle());
  }
}
