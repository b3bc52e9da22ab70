package dev.rethink.runtime.mask;

import java.util.Arrays;

/**
 * The compressed {@code counts} string of COCO JSON files ({@code rleToString} / {@code rleFrString} in
 * pycocotools).
 *
 * <p>Each count is first replaced, from the fourth one on ({@code i > 2}), by its difference to the count two
 * places before (the run of the same value in the previous column usually has a similar length). The value is then
 * written in little-endian groups of 5 bits, one character per group: bit {@code 0x20} says "another group
 * follows", bit {@code 0x10} of the last group is the sign (the value is sign-extended from it), and the character
 * is the 6-bit group plus 48 ({@code '0'}), so that only characters {@code '0'..'o'} appear.
 */
public final class CompressedRle {
  private static final int CHAR_OFFSET = 48;
  private static final int MORE = 0x20;
  private static final int SIGN = 0x10;
  private static final int PAYLOAD = 0x1f;
  /** Enough groups for any 32-bit count or difference; more means a corrupt string. */
  private static final int MAX_GROUPS = 7;

  private CompressedRle() {}

  /** The compressed string of the given runs. */
  public static String encode(int[] counts) {
    StringBuilder s = new StringBuilder(counts.length * 2);
    for (int i = 0; i < counts.length; i++) {
      long x = Integer.toUnsignedLong(counts[i]);
      if (i > 2) {
        x -= Integer.toUnsignedLong(counts[i - 2]);
      }
      boolean more = true;
      while (more) {
        int c = (int) (x & PAYLOAD);
        x >>= 5;
        more = (c & SIGN) != 0 ? x != -1 : x != 0;
        if (more) {
          c |= MORE;
        }
        s.append((char) (c + CHAR_OFFSET));
      }
    }
    return s.toString();
  }

  /**
   * The runs of a compressed string.
   *
   * @throws IllegalArgumentException naming the position, for a character outside {@code '0'..'o'}, a string
   *     that ends inside a count, or a count that decodes to a negative or over-long run
   */
  public static int[] decode(String s) {
    int[] counts = new int[s.length()];
    int m = 0;
    int p = 0;
    while (p < s.length()) {
      int start = p;
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        if (p >= s.length()) {
          throw new IllegalArgumentException("compressed RLE ends inside count " + m + " (started at character "
              + start + "): the last character must not have bit 0x20 set");
        }
        char ch = s.charAt(p);
        int c = ch - CHAR_OFFSET;
        if (c < 0 || c > 63) {
          throw new IllegalArgumentException("compressed RLE has character '" + ch + "' at position " + p
              + "; only '0'..'o' (ASCII 48..111) are valid");
        }
        if (k >= MAX_GROUPS) {
          throw new IllegalArgumentException("compressed RLE count " + m + " at character " + start
              + " is longer than " + MAX_GROUPS + " characters");
        }
        x |= (long) (c & PAYLOAD) << (5 * k);
        more = (c & MORE) != 0;
        p++;
        k++;
        if (!more && (c & SIGN) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += counts[m - 2];
      }
      if (x < 0 || x > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("compressed RLE count " + m + " (ending at character " + (p - 1)
            + ") decodes to " + x + ", not a run length");
      }
      counts[m++] = (int) x;
    }
    return Arrays.copyOf(counts, m);
  }
}
