package dev.rethink.runtime.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variant's {@code summary.json}: how it ended and its final numbers.
 *
 * @param variant variant name
 * @param status how the run ended
 * @param message why it did not complete (diverged / failed / skipped); null when completed
 * @param iterations iterations completed
 * @param plannedIterations iterations of the schedule
 * @param wallSeconds wall time of the variant, graph building and evaluation included; after a resume, the earlier
 *     segments up to the checkpoint resumed from are included (the iterations recomputed after a kill are not)
 * @param imagesSeen training images fed ({@code iterations × imagesPerBatch})
 * @param trainableParameters number of trainable scalars of the model
 * @param finalLoss the mean training loss of the last training line (null if no step ran)
 * @param metrics the final evaluation, e.g. {@code top1}, {@code top5} in percent; empty if none ran
 * @param checkpoint the checkpoint prefix the variant ended with, relative to the run directory: the final one
 *     when completed, the last good one when diverged, failed or interrupted; null if none was written, and for a
 *     variant that completed but whose final checkpoint could not be written (then a warning says why; running the
 *     study again resumes it from its newest checkpoint to write the final one)
 * @param budget what this variant's training saw, all its segments included (Figure 2 of the paper)
 * @param totalBudget {@code budget} plus the total budget of the variant it took its weights from (pre-training
 *     stages included); equal to {@code budget} from scratch
 * @param warnings what went wrong without stopping the variant (a full disk: a checkpoint or a file not written),
 *     each naming the file and what to do; empty (and not written) when nothing did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantSummary(String variant, VariantStatus status, String message, long iterations,
    long plannedIterations, double wallSeconds, long imagesSeen, long trainableParameters, Double finalLoss,
    Map<String, Double> metrics, String checkpoint, Budget budget, Budget totalBudget,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

  public VariantSummary {
    metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    budget = budget == null ? Budget.ZERO : budget;
    totalBudget = totalBudget == null ? budget : totalBudget;
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A variant that never started because {@code reason}. */
  public static VariantSummary skipped(String variant, long plannedIterations, String reason) {
    return new VariantSummary(variant, VariantStatus.SKIPPED, reason, 0, plannedIterations, 0, 0, 0, null,
        Map.of(), null, Budget.ZERO, Budget.ZERO, List.of());
  }

  /** The same summary with one more warning. */
  public VariantSummary withWarning(String warning) {
    List<String> w = new ArrayList<>(warnings);
    w.add(warning);
    return new VariantSummary(variant, status, message, iterations, plannedIterations, wallSeconds, imagesSeen,
        trainableParameters, finalLoss, metrics, checkpoint, budget, totalBudget, w);
  }

  /** Completed, but without its final checkpoint (a full disk): the weights other variants start from are missing. */
  @JsonIgnore
  public boolean finalCheckpointMissing() {
    return status == VariantStatus.COMPLETED && checkpoint == null;
  }

  /**
   * A result that running the study again keeps ({@link VariantStatus#isFinal()}); a variant that completed without
   * its final checkpoint is resumed from its newest checkpoint to write it.
   */
  @JsonIgnore
  public boolean done() {
    return status.isFinal() && !finalCheckpointMissing();
  }
}
