package dev.rethink.runtime.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The options of {@code rethink run} that belong to a run rather than to one process: given when the run starts,
 * recorded in its {@code options.json}, and used again by every resume, so that a resumed run checkpoints, keeps,
 * logs and seeds as it started. An option given again explicitly on a resume overrides its value for that process
 * only (a different seed changes the spec, which the run then refuses). Where a run executes (device, data root,
 * cache) is the machine's, not the run's, and is not recorded here.
 *
 * @param checkpointEvery {@code --checkpoint-every}
 * @param checkpointMinutes {@code --checkpoint-minutes}
 * @param keep {@code --keep}
 * @param logEvery {@code --log-every}
 * @param seed {@code --seed}, null when the study's own seeds are used
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunScopedOptions(int checkpointEvery, int checkpointMinutes, int keep, int logEvery, Long seed) {}
