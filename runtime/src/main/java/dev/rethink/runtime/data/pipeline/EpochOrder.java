package dev.rethink.runtime.data.pipeline;

import dev.rethink.runtime.data.Seeds;
import java.util.SplittableRandom;

/**
 * The training order over {@code n} items: position {@code p} of the run (counted over all epochs, batch
 * {@code b} of size {@code B} holding positions {@code [b·B, (b+1)·B)}) is item {@code perm_e[p mod n]} of epoch
 * {@code e = p / n}, where {@code perm_e} is a Fisher–Yates permutation drawn from {@code (seed, e)} alone. Not
 * thread-safe: one consumer thread asks for positions in increasing order.
 */
public final class EpochOrder {
  private static final long PERMUTATION_STREAM = 0x7065726DL;

  private final long seed;
  private final int n;
  private long cachedEpoch = -1;
  private int[] cached;
  private long previousEpoch = -1;
  private int[] previous;

  public EpochOrder(long seed, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("an epoch needs at least one item, has " + n);
    }
    this.seed = seed;
    this.n = n;
  }

  /** Epoch of run position {@code p}. */
  public long epoch(long p) {
    return p / n;
  }

  /** Item at run position {@code p}. */
  public int item(long p) {
    return permutation(p / n)[(int) (p % n)];
  }

  /** The permutation of epoch {@code e}; the last two are kept, as a batch smaller than the set spans two. */
  public int[] permutation(long epoch) {
    if (epoch == cachedEpoch) {
      return cached;
    }
    if (epoch == previousEpoch) {
      return previous;
    }
    int[] perm = shuffled(n, new SplittableRandom(Seeds.mix(seed, PERMUTATION_STREAM, epoch)));
    previousEpoch = cachedEpoch;
    previous = cached;
    cachedEpoch = epoch;
    cached = perm;
    return perm;
  }

  /** A Fisher–Yates shuffle of {@code 0..n-1}. */
  public static int[] shuffled(int n, SplittableRandom random) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }
}
