package dev.rethink.runtime.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Polygon rasterization and IoU against hand-worked cases of pycocotools' {@code rleFrPoly} rules: vertices
 * scaled by 5 and rounded half up, edges walked in unit steps, a column n is crossed where the upsampled x steps
 * past 5n + 2, and the pixel rows start at {@code ceil((5y + .5) / 5 - .5)} of the crossing.
 */
class PolygonsAndIouTest {

  /*
   * Rectangle (1,1)-(4,3) in a 5x5 image, vertices (1,1) (1,3) (4,3) (4,1). Scaled: x 5..20, y 5..15.
   * Top edge (5,15)->(20,15) walks x up: steps from x = 7, 12, 17 (= 5n + 2 for n = 1, 2, 3) cross columns 1..3
   * at y = ceil(15.5/5 - .5) = ceil(2.6) = 3. Bottom edge (20,5)->(5,5) walks x down: steps to 17, 12, 7 cross
   * columns 3..1 at y = ceil(5.5/5 - .5) = ceil(0.6) = 1. Column n holds rows 1..2: boundaries n*5+1, n*5+3.
   * Sorted boundaries 6, 8, 11, 13, 16, 18, then 25 -> runs [6, 2, 3, 2, 3, 2, 7], area 3 * 2 = 6.
   */
  private static final int[] RECTANGLE_COUNTS = {6, 2, 3, 2, 3, 2, 7};

  @Test
  void integerRectangleHasAreaWidthTimesHeight() {
    Rle rle = Polygons.rasterize(new double[] {1, 1, 1, 3, 4, 3, 4, 1}, 5, 5);
    assertArrayEquals(RECTANGLE_COUNTS, rle.counts());
    assertEquals(6, rle.area());
    assertArrayEquals(new double[] {1, 1, 3, 2}, rle.toBbox());
  }

  @Test
  void orientationAndStartingVertexDoNotMatter() {
    assertArrayEquals(RECTANGLE_COUNTS, Polygons.rasterize(new double[] {4, 1, 4, 3, 1, 3, 1, 1}, 5, 5).counts());
    assertArrayEquals(RECTANGLE_COUNTS, Polygons.rasterize(new double[] {4, 3, 1, 3, 1, 1, 4, 1}, 5, 5).counts());
  }

  @Test
  void boxIsItsCornerPolygon() {
    assertArrayEquals(RECTANGLE_COUNTS, Polygons.fromBox(new double[] {1, 1, 3, 2}, 5, 5).counts());
  }

  /*
   * Right triangle (0,0) (0,4) (4,4) in a 5x5 image; scaled (0,0) (0,20) (20,20).
   * Edge (0,20)->(20,20): steps from x = 2, 7, 12, 17 cross columns 0..3 at y = ceil(20.5/5 - .5) = 4.
   * Edge (20,20)->(0,0): |dx| = |dy| = 20, walked along x with slope 1, points (t, t) for t = 20..0; the steps
   * down to x = 5n + 2 cross column n at y = ceil((5n + 2.5)/5 - .5) = n.
   * Column n holds rows n..3 (pixel centres on the hypotenuse count as inside): 4 + 3 + 2 + 1 = 10 pixels,
   * not the geometric 8. Boundaries 0,4 | 6,9 | 12,14 | 18,19 | 25 -> runs [0, 4, 2, 3, 3, 2, 4, 1, 6].
   * Compressed: 0 '0', 4 '4', 2 '2', then differences 3-4=-1 'O', 3-2=1 '1', 2-3=-1 'O', 4-3=1 '1', 1-2=-1 'O',
   * 6-4=2 '2' -> "042O1O1O2".
   */
  @Test
  void triangleByHand() {
    Rle rle = Polygons.rasterize(new double[] {0, 0, 0, 4, 4, 4}, 5, 5);
    assertArrayEquals(new int[] {0, 4, 2, 3, 3, 2, 4, 1, 6}, rle.counts());
    assertEquals(10, rle.area());
    assertEquals("042O1O1O2", rle.toCompressedString());
  }

  /*
   * Square (0.5,0.5)-(2.5,2.5) in 4x4: scaled and rounded: 5 * 0.5 + .5 = 3 and 5 * 2.5 + .5 = 13.
   * Top edge y = 13 walks x 3..13: steps from 7, 12 cross columns 1, 2 at ceil(13.5/5 - .5) = ceil(2.2) = 3.
   * Bottom edge y = 3: crossings of columns 2, 1 at ceil(3.5/5 - .5) = ceil(0.2) = 1.
   * Rows 1..2 of columns 1..2: area 4 (pixel centres on the left/top edge are out, on the right/bottom in).
   */
  @Test
  void halfPixelSquareByHand() {
    Rle rle = Polygons.rasterize(new double[] {0.5, 0.5, 0.5, 2.5, 2.5, 2.5, 2.5, 0.5}, 4, 4);
    assertEquals(4, rle.area());
    assertArrayEquals(new double[] {1, 1, 2, 2}, rle.toBbox());
  }

  /* The rectangle (3,1)-(7,3) in a 5x5 image is clipped to columns 3..4: 2 columns x 2 rows. */
  @Test
  void clipsToTheImage() {
    Rle rle = Polygons.rasterize(new double[] {3, 1, 3, 3, 7, 3, 7, 1}, 5, 5);
    assertEquals(4, rle.area());
    assertArrayEquals(new double[] {3, 1, 2, 2}, rle.toBbox());
    // Rows beyond the bottom clamp to the image height: (1,3)-(2,9) keeps rows 3..4 of column 1.
    assertEquals(2, Polygons.rasterize(new double[] {1, 3, 1, 9, 2, 9, 2, 3}, 5, 5).area());
  }

  /* Two parts of one object: rectangles (0,0)-(1,2) and (3,0)-(4,1) -> union area 2 + 1 = 3. */
  @Test
  void partsOfOneObjectAreUnited() {
    Rle rle = Polygons.rasterizeAll(List.of(new double[] {0, 0, 0, 2, 1, 2, 1, 0},
        new double[] {3, 0, 3, 1, 4, 1, 4, 0}), 5, 5);
    assertEquals(3, rle.area());
    assertThrows(IllegalArgumentException.class,
        () -> Polygons.rasterizeAll(List.of(new double[] {0, 0, 1, 1}), 5, 5));
    assertThrows(IllegalArgumentException.class, () -> Polygons.rasterize(new double[] {0, 0, 1}, 5, 5));
  }

  /* Repeated vertices (zero-length edges) change nothing. */
  @Test
  void repeatedVerticesAreHarmless() {
    Rle rle = Polygons.rasterize(new double[] {1, 1, 1, 1, 1, 3, 4, 3, 4, 3, 4, 1}, 5, 5);
    assertArrayEquals(RECTANGLE_COUNTS, rle.counts());
  }

  /*
   * A = columns 0-1, rows 0-1 of 4x4; B = columns 1-2, rows 0-1. Intersection = column 1 = 2 pixels,
   * union = 6 -> 1/3. Against B as a crowd: 2 / area(A) = 2/4.
   */
  @Test
  void maskIouWithCrowdRule() {
    Rle a = new Rle(4, 4, new int[] {0, 2, 2, 2, 10});
    Rle b = new Rle(4, 4, new int[] {4, 2, 2, 2, 6});
    assertEquals(1.0 / 3.0, MaskIou.mask(a, b, false), 0);
    assertEquals(0.5, MaskIou.mask(a, b, true), 0);
    double[][] o = MaskIou.masks(List.of(a, b), List.of(b, a), new boolean[] {false, true});
    // [detection][ground truth]: (a,b) = 1/3; (a,a crowd) = 4/4; (b,b) = 1; (b,a crowd) = 2/4.
    assertArrayEquals(new double[] {1.0 / 3.0, 1.0}, o[0], 0);
    assertArrayEquals(new double[] {1.0, 0.5}, o[1], 0);
    // Disjoint masks, and masks of different sizes (-1, as the reference).
    Rle far = new Rle(4, 4, new int[] {12, 4});
    assertEquals(0, MaskIou.mask(a, far, false), 0);
    assertEquals(-1, MaskIou.mask(a, Rle.empty(4, 5), false), 0);
  }

  /* [0,0,10,10] vs [5,5,10,10]: intersection 5 x 5 = 25, union 100 + 100 - 25 = 175; crowd: 25 / 100. */
  @Test
  void boxIouWithCrowdRule() {
    double[] dt = {0, 0, 10, 10};
    double[] gt = {5, 5, 10, 10};
    assertEquals(25.0 / 175.0, MaskIou.box(dt, gt, false), 0);
    assertEquals(0.25, MaskIou.box(dt, gt, true), 0);
    // A detection inside a large crowd box scores 1 whatever the crowd's size.
    assertEquals(1.0, MaskIou.box(new double[] {20, 20, 5, 5}, new double[] {0, 0, 100, 100}, true), 0);
    // Touching edges do not overlap.
    assertEquals(0, MaskIou.box(dt, new double[] {10, 0, 5, 5}, false), 0);
    double[][] o = MaskIou.boxes(List.of(dt), List.of(gt, dt), new boolean[] {false, false});
    assertArrayEquals(new double[] {25.0 / 175.0, 1.0}, o[0], 0);
  }
}
