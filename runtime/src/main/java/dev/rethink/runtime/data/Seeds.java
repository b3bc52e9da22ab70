package dev.rethink.runtime.data;

/**
 * Seeds derived from a root seed and coordinates (epoch, image index, ...), so every random choice of the data
 * layer depends only on what it is for, never on thread timing or on how many choices were made before it.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * A well-mixed seed for the given coordinates: each part is folded in with the SplitMix64 finalizer (Steele,
   * Lea, Flood 2014, the mixer of {@link java.util.SplittableRandom}), so neighbouring coordinates give unrelated
   * streams.
   */
  public static long mix(long seed, long... parts) {
    long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) {
      h = mix64(h + 0x9E3779B97F4A7C15L + mix64(p));
    }
    return h;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
