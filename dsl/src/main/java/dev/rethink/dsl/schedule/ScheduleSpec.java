package dev.rethink.dsl.schedule;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rethink.dsl.SpecParts;
import java.util.ArrayList;
import java.util.List;

/**
 * Training length and learning rate: {@code lr(step) = baseLr * warmup(step) * gamma^k} where k counts the
 * milestones at or before {@code step}. Lowered in-graph from the global step by
 * {@code dev.rethink.graph.schedule.LearningRate}.
 *
 * @param imagesPerBatch images per iteration across all towers (the paper: 8 GPUs × 2 = 16)
 * @param iterations total iterations
 * @param baseLr peak learning rate
 * @param warmup linear warm-up
 * @param milestones steps at which the LR is multiplied by {@code gamma}, strictly increasing, all before the end
 * @param gamma decay factor
 * @param multiple the "Nx" this schedule is, and of which 1x, when it was made by {@link #nx}; {@code null} for a
 *     schedule given by its iterations (and in JSON written before it was kept: labels then derive it from the
 *     profile's 1x as they did)
 */
public record ScheduleSpec(int imagesPerBatch, int iterations, double baseLr, WarmupSpec warmup,
    List<Integer> milestones, double gamma, @JsonInclude(JsonInclude.Include.NON_NULL) Multiple multiple) {

  /**
   * A schedule's "Nx", kept as the study wrote it so that labels say "2x" of the study's own 1x, whatever its scale.
   *
   * @param n the multiple, e.g. {@code 2} for "2x"
   * @param oneX iterations of the 1x it multiplies, at this schedule's batch
   */
  public record Multiple(double n, int oneX) {
    public Multiple {
      if (SpecParts.checkNow()) {
        require(n > 0 && Double.isFinite(n), "n", "must be a finite number > 0, was " + n);
        require(oneX >= 1, "oneX", "must be >= 1, was " + oneX);
      }
    }
  }

  /** The paper's reference batch size (8 GPUs × 2 images). */
  public static final int REFERENCE_BATCH = 16;
  /** The paper's LR at batch 16 (§4). */
  public static final double PAPER_BASE_LR = 0.02;
  /** Iterations of the "1x" schedule at batch 16 (§4: 90k). */
  public static final int ITERATIONS_1X = 90_000;
  /** The first LR drop comes this many iterations before the end, at batch 16 (§4: "the last 60k"). */
  public static final int FIRST_DROP_BEFORE_END = 60_000;
  /** The second LR drop comes this many iterations before the end, at batch 16 (§4: "the last 20k"). */
  public static final int SECOND_DROP_BEFORE_END = 20_000;
  /** LR ÷10 at each drop (§4). */
  public static final double PAPER_GAMMA = 0.1;

  public ScheduleSpec {
    if (SpecParts.checkNow()) {
      require(imagesPerBatch >= 1, "imagesPerBatch", "must be >= 1, was " + imagesPerBatch);
      require(iterations >= 1, "iterations", "must be >= 1, was " + iterations
          + " (hint: profile.scale().nx(2) is the paper's 2x schedule at the profile's scale)");
      require(baseLr > 0 && Double.isFinite(baseLr), "baseLr", "must be a finite number > 0, was " + baseLr
          + " (hint: the paper's " + PAPER_BASE_LR + " at " + REFERENCE_BATCH + " images per batch, scaled"
          + " linearly with the batch)");
      require(warmup != null, "warmup", "is required (hint: WarmupSpec.none())");
      require(milestones != null, "milestones", "is required (hint: List.of())");
      require(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], was " + gamma);
      int previous = 0;
      for (int m : milestones) {
        require(m > previous, "milestones", "must be strictly increasing and > 0, got " + milestones);
        require(m < iterations, "milestones", "milestone " + m + " is at or past the last iteration (iterations="
            + iterations + "): the LR drop would never take effect (hint: milestones must be < iterations)");
        previous = m;
      }
      require(warmup.iterations() < iterations, "warmup.iterations", "warm-up of " + warmup.iterations()
          + (warmup.iterations() == 1 ? " iteration" : " iterations") + " does not end before the last iteration ("
          + iterations + ") (hint: shorten the warm-up or lengthen the schedule)");
    }
    milestones = milestones == null ? null : List.copyOf(milestones);
  }

  /** A schedule given by its iterations, not as a multiple of a 1x. */
  public ScheduleSpec(int imagesPerBatch, int iterations, double baseLr, WarmupSpec warmup, List<Integer> milestones,
      double gamma) {
    this(imagesPerBatch, iterations, baseLr, warmup, milestones, gamma, null);
  }

  /**
   * The paper's "Nx" schedule of a 1x: {@code N × unit.iterations()} iterations, LR ÷10 at the last 2/3 and again
   * at the last 2/9 of the 1x (at paper scale: the last 60k and 20k iterations, whatever the length), the unit's
   * batch, LR and warm-up. The schedule keeps {@code N} and its 1x ({@link #multiple()}).
   */
  public static ScheduleSpec nx(double n, ScheduleUnit unit) {
    return nx(n, unit.iterations(), unit.imagesPerBatch(), unit.baseLr(), unit.warmup());
  }

  /**
   * The paper's "Nx" schedule for a "1x" of {@code oneX} iterations at {@code batch} images and LR {@code baseLr}:
   * {@code N × oneX} iterations, LR ÷10 at the last 2/3 and again at the last 2/9 of a 1x schedule.
   */
  public static ScheduleSpec nx(double n, int oneX, int batch, double baseLr, WarmupSpec warmup) {
    require(n > 0, "schedule", "Nx needs N > 0, was " + n);
    int iterations = (int) Math.round(n * oneX);
    List<Integer> drops = new ArrayList<>();
    for (int beforeEnd : new int[] {FIRST_DROP_BEFORE_END, SECOND_DROP_BEFORE_END}) {
      int at = iterations - (int) Math.round((double) beforeEnd * oneX / ITERATIONS_1X);
      if (at > 0) {
        drops.add(at);
      }
    }
    return new ScheduleSpec(batch, iterations, baseLr, warmup, drops, PAPER_GAMMA, new Multiple(n, oneX));
  }

  /**
   * The same schedule at another batch size by the linear scaling rule (Goyal et al., 2017): LR × b'/b;
   * iterations, milestones and warm-up × b/b'.
   */
  public ScheduleSpec withImagesPerBatch(int batch) {
    double k = (double) imagesPerBatch / batch;
    List<Integer> scaled = milestones.stream().map(m -> (int) Math.round(m * k)).toList();
    // Images seen are kept, so the multiple is too; its 1x is counted at the new batch.
    Multiple m = multiple == null ? null
        : new Multiple(multiple.n(), (int) Math.max(1, Math.round(multiple.oneX() * k)));
    return new ScheduleSpec(batch, (int) Math.round(iterations * k), baseLr / k,
        new WarmupSpec((int) Math.round(warmup.iterations() * k), warmup.startFactor()), scaled, gamma, m);
  }

  public ScheduleSpec withBaseLr(double lr) {
    return new ScheduleSpec(imagesPerBatch, iterations, lr, warmup, milestones, gamma, multiple);
  }

  public ScheduleSpec withGamma(double g) {
    return new ScheduleSpec(imagesPerBatch, iterations, baseLr, warmup, milestones, g, multiple);
  }

  public ScheduleSpec withWarmup(WarmupSpec w) {
    return new ScheduleSpec(imagesPerBatch, iterations, baseLr, w, milestones, gamma, multiple);
  }

  /** Another length; a schedule made as a multiple stays one, of the same 1x ({@code n / oneX}). */
  public ScheduleSpec withIterations(int n, List<Integer> newMilestones) {
    // No multiple of a length that is no length: the iterations rule names what the study wrote.
    Multiple m = multiple == null || n < 1 ? null : new Multiple((double) n / multiple.oneX(), multiple.oneX());
    return new ScheduleSpec(imagesPerBatch, n, baseLr, warmup, newMilestones, gamma, m);
  }

  /**
   * The same training without its recorded multiple: what a run directory written before schedules kept it holds,
   * so that resuming one compares what trains, not the label.
   */
  public ScheduleSpec withoutMultiple() {
    return new ScheduleSpec(imagesPerBatch, iterations, baseLr, warmup, milestones, gamma, null);
  }

  /** Images seen over the whole schedule (the paper's Figure 2 budget). */
  @JsonIgnore
  public long imagesSeen() {
    return (long) imagesPerBatch * iterations;
  }
}
