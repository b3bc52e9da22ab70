package dev.rethink.runtime.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a variant's run ended. */
public enum VariantStatus {
  /** Trained for its whole schedule and evaluated. */
  @JsonProperty("completed") COMPLETED,
  /** Stopped at a non-finite loss (e.g. scratch without normalization at too high an LR, Detectron#665). */
  @JsonProperty("diverged") DIVERGED,
  /** Stopped by an error. */
  @JsonProperty("failed") FAILED,
  /** Not run because a variant it takes its weights from did not complete. */
  @JsonProperty("skipped") SKIPPED,
  /** Stopped by SIGINT / SIGTERM after writing a checkpoint; running the study again resumes it. */
  @JsonProperty("interrupted") INTERRUPTED;

  /** The lower-case name written to {@code summary.json} and the report. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A result that running the study again keeps: a completed or a diverged variant is not trained again. */
  public boolean isFinal() {
    return this == COMPLETED || this == DIVERGED;
  }
}
