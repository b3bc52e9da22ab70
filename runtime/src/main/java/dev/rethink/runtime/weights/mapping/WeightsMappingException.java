package dev.rethink.runtime.weights.mapping;

import java.util.List;

/**
 * A weights file that does not map completely onto the target variables (or whose mapped values do not fit the
 * graph at apply time). The message names the file, every problem's source tensor and target variable, and the
 * options that would accept a deliberate partial import; {@link #report()} has the details.
 */
public final class WeightsMappingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** Problems listed in the message; the report has all of them. */
  private static final int LISTED = 25;

  private final transient MappingReport report;

  WeightsMappingException(MappingReport report, List<String> problems, String hint) {
    super(message(report, problems, hint));
    this.report = report;
  }

  WeightsMappingException(String message) {
    super(message);
    this.report = null;
  }

  /** The full report (null for an apply-time error, whose message says everything). */
  public MappingReport report() {
    return report;
  }

  private static String message(MappingReport report, List<String> problems, String hint) {
    StringBuilder b = new StringBuilder("cannot import ").append(report.file()).append(" (")
        .append(report.naming()).append(" names): ").append(problems.size()).append(" problem")
        .append(problems.size() == 1 ? "" : "s");
    problems.stream().limit(LISTED).forEach(p -> b.append("\n  ").append(p));
    if (problems.size() > LISTED) {
      b.append("\n  ... and ").append(problems.size() - LISTED).append(" more (see report())");
    }
    if (!hint.isEmpty()) {
      b.append("\n").append(hint);
    }
    return b.toString();
  }
}
