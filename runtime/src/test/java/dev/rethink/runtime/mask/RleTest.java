package dev.rethink.runtime.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Run-length encoding, the compressed string and merges, against counts and strings worked out by hand. */
class RleTest {

  /*
   * 3x3 mask, rows top to bottom:   0 1 0
   *                                 0 1 1
   *                                 0 0 0
   * Column-major pixels: col0 = 0 0 0, col1 = 1 1 0, col2 = 0 1 0 -> 0 0 0 1 1 0 0 1 0
   * Runs: three 0s, two 1s, two 0s, one 1, one 0 -> [3, 2, 2, 1, 1].
   */
  private static final boolean[] SMALL_ROW_MAJOR = {
      false, true, false,
      false, true, true,
      false, false, false};
  private static final int[] SMALL_COUNTS = {3, 2, 2, 1, 1};

  @Test
  void encodesColumnMajorRuns() {
    assertArrayEquals(SMALL_COUNTS, Rle.encodeRowMajor(SMALL_ROW_MAJOR, 3, 3).counts());
    boolean[] columnMajor = {false, false, false, true, true, false, false, true, false};
    assertArrayEquals(SMALL_COUNTS, Rle.encode(columnMajor, 3, 3).counts());
  }

  @Test
  void maskStartingWithOnesHasEmptyFirstRun() {
    boolean[] ones = {true, true, true, true};
    assertArrayEquals(new int[] {0, 4}, Rle.encode(ones, 2, 2).counts());
  }

  @Test
  void decodesBothLayouts() {
    Rle rle = new Rle(3, 3, SMALL_COUNTS);
    assertArrayEquals(SMALL_ROW_MAJOR, rle.decodeRowMajor());
    assertArrayEquals(new boolean[] {false, false, false, true, true, false, false, true, false}, rle.decode());
  }

  @Test
  void areaAndBox() {
    Rle rle = new Rle(3, 3, SMALL_COUNTS);
    // Set pixels (x, y): (1, 0), (1, 1), (2, 1).
    assertEquals(3, rle.area());
    assertArrayEquals(new double[] {1, 0, 2, 2}, rle.toBbox());
    assertArrayEquals(new double[] {0, 0, 2, 2}, new Rle(2, 2, new int[] {0, 4}).toBbox());
    assertArrayEquals(new double[] {0, 0, 0, 0}, Rle.empty(4, 5).toBbox());
    assertEquals(0, Rle.empty(4, 5).area());
  }

  /*
   * Compressed string of [3, 2, 2, 1, 1]: the first three counts as they are, then differences to the count two
   * places before: 1 - 2 = -1, 1 - 2 = -1.
   *   3  -> 5-bit group 00011, no sign bit, nothing left       -> 3 + 48 = '3'
   *   2  -> '2', 2 -> '2'
   *  -1  -> group -1 & 0x1f = 31 (sign bit 0x10 set), rest -1 -> done -> 31 + 48 = 79 = 'O'
   *  -1  -> 'O'
   */
  @Test
  void compressesSmallCountsByHand() {
    assertEquals("322OO", new Rle(3, 3, SMALL_COUNTS).toCompressedString());
    assertArrayEquals(SMALL_COUNTS, Rle.fromCompressedString(3, 3, "322OO").counts());
  }

  /*
   * [100, 50, 200, 30] (19 x 20 = 380 pixels):
   *  100: group 100 & 31 = 4, rest 3 -> more: 4 | 0x20 = 36 -> 'T'(84); group 3, rest 0 -> '3'      => "T3"
   *   50: group 18 (sign bit 0x10 set), rest 1 != -1 -> more: 18 | 0x20 = 50 -> 'b'(98); group 1 -> '1' => "b1"
   *  200: group 8, rest 6 -> 40 -> 'X'(88); group 6 -> '6'                                           => "X6"
   *   30 - 50 = -20: group -20 & 31 = 12 (no sign bit), rest -1 != 0 -> more: 44 -> '\'(92);
   *        group -1 & 31 = 31 (sign bit), rest -1 -> done -> 'O'(79)                                  => "\O"
   */
  @Test
  void compressesMultiCharacterAndNegativeDifferencesByHand() {
    int[] counts = {100, 50, 200, 30};
    assertEquals("T3b1X6\\O", new Rle(19, 20, counts).toCompressedString());
    assertArrayEquals(counts, Rle.fromCompressedString(19, 20, "T3b1X6\\O").counts());
  }

  /*
   * [10, 120, 5, 20] (5 x 31 = 155 pixels):
   *   10 -> ':'(58); 120 -> group 24 (sign bit), rest 3 -> 56 'h', then '3'; 5 -> '5';
   *   20 - 120 = -100 -> group 28 (sign bit), rest -4 != -1 -> 60 'l'(108); group 28, rest -1 -> 'L'(76).
   * Decoding "lL": 28 | 28 << 5 = 924, sign bit of the last group -> 924 | (-1 << 10) = -100.
   */
  @Test
  void compressesLargeNegativeDifferenceByHand() {
    int[] counts = {10, 120, 5, 20};
    assertEquals(":h35lL", new Rle(5, 31, counts).toCompressedString());
    assertArrayEquals(counts, CompressedRle.decode(":h35lL"));
  }

  @Test
  void compressedRoundTripOnRandomMasks() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int h = 1 + random.nextInt(40);
      int w = 1 + random.nextInt(40);
      boolean[] mask = new boolean[h * w];
      double density = random.nextDouble();
      for (int i = 0; i < mask.length; i++) {
        mask[i] = random.nextDouble() < density;
      }
      Rle rle = Rle.encode(mask, h, w);
      assertArrayEquals(mask, rle.decode());
      assertEquals(rle, Rle.fromCompressedString(h, w, rle.toCompressedString()));
    }
  }

  @Test
  void malformedStringsNameThePosition() {
    IllegalArgumentException badChar = assertThrows(IllegalArgumentException.class,
        () -> CompressedRle.decode("0p"));
    assertTrue(badChar.getMessage().contains("'p' at position 1"), badChar.getMessage());
    // 'a' = 49 has the continuation bit 0x20 set, and nothing follows.
    IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
        () -> CompressedRle.decode("0a"));
    assertTrue(truncated.getMessage().contains("ends inside count 1"), truncated.getMessage());
    // "3" covers 3 pixels, not 4.
    IllegalArgumentException shortRuns = assertThrows(IllegalArgumentException.class,
        () -> Rle.fromCompressedString(2, 2, "3"));
    assertTrue(shortRuns.getMessage().contains("sum to 3"), shortRuns.getMessage());
  }

  /*
   * 4 x 4 masks: A = columns 0-1, rows 0-1: column-major 1100 1100 0000 0000 -> [0, 2, 2, 2, 10]
   *              B = columns 1-2, rows 0-1: 0000 1100 1100 0000             -> [4, 2, 2, 2, 6]
   * A ∪ B = columns 0-2, rows 0-1: 1100 1100 1100 0000 -> [0, 2, 2, 2, 2, 2, 6]
   * A ∩ B = column 1, rows 0-1:    0000 1100 0000 0000 -> [4, 2, 10]
   */
  @Test
  void mergesByHand() {
    Rle a = new Rle(4, 4, new int[] {0, 2, 2, 2, 10});
    Rle b = new Rle(4, 4, new int[] {4, 2, 2, 2, 6});
    assertArrayEquals(new int[] {0, 2, 2, 2, 2, 2, 6}, Rle.union(List.of(a, b)).counts());
    assertArrayEquals(new int[] {4, 2, 10}, Rle.intersection(List.of(a, b)).counts());
    assertEquals(a, Rle.union(List.of(a)));
    assertThrows(IllegalArgumentException.class, () -> Rle.union(List.of(a, Rle.empty(4, 5))));
  }

  @Test
  void mergeAgreesWithPixelwiseLogic() {
    Random random = new Random(11);
    for (int trial = 0; trial < 100; trial++) {
      int h = 1 + random.nextInt(12);
      int w = 1 + random.nextInt(12);
      boolean[] x = new boolean[h * w];
      boolean[] y = new boolean[h * w];
      boolean[] z = new boolean[h * w];
      boolean[] or = new boolean[h * w];
      boolean[] and = new boolean[h * w];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextBoolean();
        y[i] = random.nextBoolean();
        z[i] = random.nextBoolean();
        or[i] = x[i] || y[i] || z[i];
        and[i] = x[i] && y[i] && z[i];
      }
      List<Rle> masks = List.of(Rle.encode(x, h, w), Rle.encode(y, h, w), Rle.encode(z, h, w));
      assertArrayEquals(or, Rle.union(masks).decode());
      assertArrayEquals(and, Rle.intersection(masks).decode());
    }
  }

  @Test
  void rejectsCountsThatDoNotCoverTheImage() {
    assertThrows(IllegalArgumentException.class, () -> new Rle(2, 2, new int[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> new Rle(2, 2, new int[] {5, -1}));
  }
}
