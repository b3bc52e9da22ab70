package dev.rethink.runtime.report.stats;

import java.util.Locale;

/**
 * How a metric's figures are written: the label after a difference ("box AP") and the decimals.
 *
 * <p>Number formatting, the same everywhere in the report's statistics: {@code digits} decimals, rounded half-up
 * (as {@link String#format}); negative numbers with the typographic minus "−" (U+2212), as the paper and the issue
 * write them; differences and interval bounds of a difference always signed ("+0.4", "[−0.5, +1.3]") so that the
 * direction reads at a glance, except a value that rounds to zero, written "0.0" (a "−0.0" or "+0.0" would claim a
 * direction the digits do not show). Means, sds and the bounds of a mean are unsigned unless negative.
 *
 * @param label the metric as the report heads it (the report's {@code MetricColumns.heading}, e.g. {@code box AP},
 *     {@code top1})
 * @param digits decimals, 0 to 6: 1 for AP in % as the paper prints it ({@link #ap}), 2 for accuracies as the report's
 *     table does ({@link #accuracy})
 */
public record Unit(String label, int digits) {
  public Unit {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a unit needs a label (the metric's heading), got " + label);
    }
    if (digits < 0 || digits > 6) {
      throw new IllegalArgumentException(label + ": digits must be 0 to 6, got " + digits);
    }
  }

  /** AP in percent, one decimal (the paper's tables). */
  public static Unit ap(String label) {
    return new Unit(label, 1);
  }

  /** Accuracy in percent, two decimals (the report's table). */
  public static Unit accuracy(String label) {
    return new Unit(label, 2);
  }

  /** {@code value} with {@code digits} decimals, "−" for negatives: {@code 3.0}, {@code −0.5}. */
  public String plain(double value) {
    String s = String.format(Locale.ROOT, "%." + digits + "f", value);
    if (s.startsWith("-")) {
      return isZero(s) ? s.substring(1) : "\u2212" + s.substring(1);
    }
    return s;
  }

  /** {@code value} with its sign always written, except a rounded zero: {@code +0.4}, {@code −0.5}, {@code 0.0}. */
  public String signed(double value) {
    String s = plain(value);
    return s.startsWith("\u2212") || isZero(s) || !Double.isFinite(value) ? s : "+" + s;
  }

  private static boolean isZero(String formatted) {
    return formatted.matches("-?0(\\.0*)?");
  }
}
