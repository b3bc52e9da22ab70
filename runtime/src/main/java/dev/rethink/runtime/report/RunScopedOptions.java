package dev.rethink.runtime.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The options of {@code rethink run} that belong to a run rather than to one process: given when the run starts,
 * recorded in its {@code options.json}, and used again by every resume, so that a resumed run checkpoints, keeps,
 * logs and seeds as it started. An option given again explicitly on a resume overrides its value for that process
 * only (a different seed changes the spec, which the run then refuses). The devices and the accumulation belong to
 * the run too: with BN they change what a step computes (per-tower statistics). Where a run's data and cache live
 * is the machine's, not the run's, and is not recorded here.
 *
 * @param checkpointEvery {@code --checkpoint-every}
 * @param checkpointMinutes {@code --checkpoint-minutes}
 * @param keep {@code --keep}
 * @param logEvery {@code --log-every}
 * @param seed {@code --seed}, null when the study's own seeds are used
 * @param devices {@code --devices}, e.g. {@code cpu:1}, {@code gpu:0,1} (null in runs recorded before towers: one
 *     device)
 * @param accumulate {@code --accumulate} (null in runs recorded before it: 1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunScopedOptions(int checkpointEvery, int checkpointMinutes, int keep, int logEvery, Long seed,
    String devices, Integer accumulate) {

  /** Without devices and accumulation (a run recorded before them). */
  public RunScopedOptions(int checkpointEvery, int checkpointMinutes, int keep, int logEvery, Long seed) {
    this(checkpointEvery, checkpointMinutes, keep, logEvery, seed, null, null);
  }
}
