package dev.rethink.runtime.weights.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a mapping did with every tensor on both sides. {@link #complete()} is true when nothing is unmapped,
 * missing or mis-shaped; {@link #skipped()} and {@link #warnings()} never make it incomplete.
 *
 * @param file the source file
 * @param naming the naming it was read with
 * @param mapped each target variable that received a value, with the source tensors it came from
 * @param unmapped source tensors no target takes (an error unless allowed)
 * @param skipped source tensors left out on purpose, with why (BN batch counters, optimizer state, a head the
 *     target has not)
 * @param missing target variables with no source tensor (an error unless allowed)
 * @param mismatched source tensors whose shape does not fit their target (always an error)
 * @param warnings facts worth reading that are no error (conventions the weights cannot show)
 */
public record MappingReport(Path file, SourceNaming naming, List<Mapped> mapped, List<Unmapped> unmapped,
    List<Skipped> skipped, List<Missing> missing, List<Mismatch> mismatched, List<String> warnings) {

  public MappingReport {
    mapped = List.copyOf(mapped);
    unmapped = List.copyOf(unmapped);
    skipped = List.copyOf(skipped);
    missing = List.copyOf(missing);
    mismatched = List.copyOf(mismatched);
    warnings = List.copyOf(warnings);
  }

  /** A target variable and where its value came from. */
  public record Mapped(String target, List<String> sources, String conversion) {}

  /** A source tensor no target takes; {@code hint} says what it suggests, or is empty. */
  public record Unmapped(String source, List<Long> shape, String hint) {}

  /** A source tensor deliberately left out. */
  public record Skipped(String source, String reason) {}

  /** A target variable without a source: the names looked for and why none fits. */
  public record Missing(String target, List<Long> shape, List<String> lookedFor, String reason) {}

  /** A source tensor whose shape does not fit its target variable. */
  public record Mismatch(String source, List<Long> sourceShape, String target, List<Long> targetShape,
      String expected) {}

  /** True when every source tensor was mapped or skipped and every target variable received a value. */
  public boolean complete() {
    return unmapped.isEmpty() && missing.isEmpty() && mismatched.isEmpty();
  }

  /** One line per problem (mismatches, then missing, then unmapped), for messages and logs. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    for (Mismatch m : mismatched) {
      out.add("shape mismatch: source '" + m.source() + "' " + m.sourceShape() + " for target '" + m.target() + "' "
          + m.targetShape() + " (expected " + m.expected() + ")");
    }
    for (Missing m : missing) {
      out.add("missing: target '" + m.target() + "' " + m.shape() + " has no source tensor (looked for "
          + m.lookedFor() + (m.reason().isEmpty() ? "" : "; " + m.reason()) + ")");
    }
    for (Unmapped u : unmapped) {
      out.add("unmapped: source '" + u.source() + "' " + u.shape() + " has no target"
          + (u.hint().isEmpty() ? "" : " (" + u.hint() + ")"));
    }
    return out;
  }

  /** A summary: counts, then every problem, skipped tensor and warning. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(file).append(" (").append(naming).append(" names): ").append(mapped.size()).append(" variables mapped, ")
        .append(skipped.size()).append(" tensors skipped, ").append(unmapped.size()).append(" unmapped, ")
        .append(missing.size()).append(" missing, ").append(mismatched.size()).append(" mis-shaped");
    problems().forEach(p -> b.append("\n  ").append(p));
    skipped.forEach(s -> b.append("\n  skipped: '").append(s.source()).append("' (").append(s.reason()).append(')'));
    warnings.forEach(w -> b.append("\n  warning: ").append(w));
    return b.toString();
  }
}
