package dev.rethink.dsl.schedule;

import static dev.rethink.dsl.SpecException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rethink.dsl.SpecParts;
import dev.rethink.dsl.study.Scale;
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
 */
public record ScheduleSpec(int imagesPerBatch, int iterations, double baseLr, WarmupSpec warmup,
    List<Integer> milestones, double gamma) {

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


  /**
   * The paper's "Nx" schedule at the given scale: {@code N × scale.iterations1x()} iterations, LR ÷10 at the
   * last 2/3 and again at the last 2/9 of a 1x schedule (at paper scale: the last 60k and 20k iterations,
   * whatever the length), the scale's LR and warm-up.
   */
  public static ScheduleSpec nx(double n, Scale scale) {
    return nx(n, scale.iterations1x(), scale.imagesPerBatch(), scale.baseLr(), scale.warmup());
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
    return new ScheduleSpec(batch, iterations, baseLr, warmup, drops, PAPER_GAMMA);
  }

  /**
   * The same schedule at another batch size by the linear scaling rule (Goyal et al., 2017): LR × b'/b;
   * iterations, milestones and warm-up × b/b'.
   */
  public ScheduleSpec withImagesPerBatch(int batch) {
    double k = (double) imagesPerBatch / batch;
    List<Integer> scaled = milestones.stream().map(m -> (int) Math.round(m * k)).toList();
    return new ScheduleSpec(batch, (int) Math.round(iterations * k), baseLr / k,
        new WarmupSpec((int) Math.round(warmup.iterations() * k), warmup.startFactor()), scaled, gamma);
  }

  public ScheduleSpec withBaseLr(double lr) {
    return new ScheduleSpec(imagesPerBatch, iterations, lr, warmup, milestones, gamma);
  }

  public ScheduleSpec withGamma(double g) {
    return new ScheduleSpec(imagesPerBatch, iterations, baseLr, warmup, milestones, g);
  }

  public ScheduleSpec withWarmup(WarmupSpec w) {
    return new ScheduleSpec(imagesPerBatch, iterations, baseLr, w, milestones, gamma);
  }

  public ScheduleSpec withIterations(int n, List<Integer> newMilestones) {
    return new ScheduleSpec(imagesPerBatch, n, baseLr, warmup, newMilestones, gamma);
  }

  /** Images seen over the whole schedule (the paper's Figure 2 budget). */
  @JsonIgnore
  public long imagesSeen() {
    return (long) imagesPerBatch * iterations;
  }
}
