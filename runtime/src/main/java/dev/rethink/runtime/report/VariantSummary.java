package dev.rethink.runtime.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A variant's {@code summary.json}: how it ended and its final numbers.
 *
 * @param variant variant name
 * @param status how the run ended
 * @param message why it did not complete (diverged / failed / skipped); null when completed
 * @param iterations iterations completed
 * @param plannedIterations iterations of the schedule
 * @param wallSeconds wall time of the variant, graph building and evaluation included
 * @param imagesSeen training images fed ({@code iterations × imagesPerBatch})
 * @param trainableParameters number of trainable scalars of the model
 * @param finalLoss the mean training loss of the last training line (null if no step ran)
 * @param metrics the final evaluation, e.g. {@code top1}, {@code top5} in percent; empty if none ran
 * @param checkpoint the final checkpoint prefix, relative to the run directory; null if none was written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantSummary(String variant, VariantStatus status, String message, long iterations,
    long plannedIterations, double wallSeconds, long imagesSeen, long trainableParameters, Double finalLoss,
    Map<String, Double> metrics, String checkpoint) {

  public VariantSummary {
    metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** A variant that never started because {@code reason}. */
  public static VariantSummary skipped(String variant, long plannedIterations, String reason) {
    return new VariantSummary(variant, VariantStatus.SKIPPED, reason, 0, plannedIterations, 0, 0, 0, null,
        Map.of(), null);
  }
}
