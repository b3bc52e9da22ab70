package dev.rethink.dsl.schedule;

import static dev.rethink.dsl.SpecException.require;

/**
 * What "1x" means at a scale: the paper states its schedules as multiples of one ({@code 2x}, {@code 6x}), so a
 * scale names its 1x once and {@link ScheduleSpec#nx(double, ScheduleUnit)} derives every multiple from it.
 * Built from {@link #PAPER} with the withers, never from a list of bare numbers.
 *
 * @param iterations iterations of a 1x schedule
 * @param imagesPerBatch images per iteration
 * @param baseLr the LR at that batch
 * @param warmup the linear warm-up every multiple starts with
 */
public record ScheduleUnit(int iterations, int imagesPerBatch, double baseLr, WarmupSpec warmup) {

  /**
   * The paper's 1x (§4): 90k iterations at batch 16 (8 GPUs × 2), LR 0.02, Detectron's 500-iteration warm-up from
   * 1/3.
   */
  public static final ScheduleUnit PAPER = new ScheduleUnit(ScheduleSpec.ITERATIONS_1X, ScheduleSpec.REFERENCE_BATCH,
      ScheduleSpec.PAPER_BASE_LR, WarmupSpec.detectron());

  public ScheduleUnit {
    require(iterations >= 1, "iterations", "must be >= 1, was " + iterations);
    require(imagesPerBatch >= 1, "imagesPerBatch", "must be >= 1, was " + imagesPerBatch);
    require(baseLr > 0 && Double.isFinite(baseLr), "baseLr", "must be a finite number > 0, was " + baseLr);
    require(warmup != null, "warmup", "is required (hint: WarmupSpec.none())");
  }

  public ScheduleUnit withIterations(int n) {
    return new ScheduleUnit(n, imagesPerBatch, baseLr, warmup);
  }

  /** Another batch with the LR given (no linear scaling: a scale states both as measured). */
  public ScheduleUnit withImagesPerBatch(int batch) {
    return new ScheduleUnit(iterations, batch, baseLr, warmup);
  }

  public ScheduleUnit withBaseLr(double lr) {
    return new ScheduleUnit(iterations, imagesPerBatch, lr, warmup);
  }

  public ScheduleUnit withWarmup(WarmupSpec w) {
    return new ScheduleUnit(iterations, imagesPerBatch, baseLr, w);
  }

  /** The paper's "Nx" schedule of this 1x ({@link ScheduleSpec#nx(double, ScheduleUnit)}). */
  public ScheduleSpec nx(double n) {
    return ScheduleSpec.nx(n, this);
  }
}
