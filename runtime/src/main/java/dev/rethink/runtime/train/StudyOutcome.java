package dev.rethink.runtime.train;

import dev.rethink.runtime.report.RunDirectory;
import dev.rethink.runtime.report.VariantStatus;
import dev.rethink.runtime.report.VariantSummary;
import java.util.List;

/**
 * What a study run produced.
 *
 * @param run the run directory
 * @param variants each variant's summary, in execution order
 */
public record StudyOutcome(RunDirectory run, List<VariantSummary> variants) {
  public StudyOutcome {
    variants = List.copyOf(variants);
  }

  /** True if the run stopped before its end on a stop request (SIGINT / SIGTERM); running it again resumes it. */
  public boolean interrupted() {
    return variants.stream().anyMatch(v -> v.status() == VariantStatus.INTERRUPTED);
  }

  /** True if a variant stopped on an error (a divergence is a result, not an error). */
  public boolean anyFailed() {
    return variants.stream().anyMatch(v -> v.status() == VariantStatus.FAILED);
  }
}
