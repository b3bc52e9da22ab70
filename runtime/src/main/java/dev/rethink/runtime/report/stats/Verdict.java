package dev.rethink.runtime.report.stats;

/** What a comparison's 95 % interval says about a − b. */
public enum Verdict {
  /** The interval excludes 0 on the positive side. */
  A_HIGHER,
  /** The interval excludes 0 on the negative side. */
  B_HIGHER,
  /** The interval contains 0. */
  NO_SIGNIFICANT_DIFFERENCE,
  /** Too few replicates for an interval (one pair, or one value on a side of an unpaired comparison). */
  NO_INTERVAL;

  /** The verdict of an interval, or {@link #NO_INTERVAL} when there is none. */
  static Verdict of(Interval interval) {
    if (interval == null) {
      return NO_INTERVAL;
    }
    if (!interval.excludesZero()) {
      return NO_SIGNIFICANT_DIFFERENCE;
    }
    return interval.lo() > 0 ? A_HIGHER : B_HIGHER;
  }

  /** The plain words: {@code no significant difference}, {@code scratch-6x higher}, ... */
  String words(String a, String b) {
    return switch (this) {
      case A_HIGHER -> a + " higher";
      case B_HIGHER -> b + " higher";
      case NO_SIGNIFICANT_DIFFERENCE -> "no significant difference";
      case NO_INTERVAL -> Summary.ONE_REPLICATE;
    };
  }
}
