package dev.rethink.runtime.train;

import dev.rethink.runtime.device.Device;
import dev.rethink.runtime.device.Devices;
import dev.rethink.runtime.report.RunScopedOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * How a study is run, as opposed to what runs (the {@link dev.rethink.dsl.study.StudySpec}).
 *
 * @param outDir the run directory (see {@link dev.rethink.runtime.report.RunDirectory})
 * @param devices where the training towers run ({@code --devices}; one tower per device), recorded with the run's
 *     options: per-tower BN statistics depend on it
 * @param accumulate {@code --accumulate}: passes per tower whose gradients are summed before one update
 * @param logEvery a training line is logged and written to {@code metrics.jsonl} every this many iterations,
 *     and at the last one
 * @param progressBar draw a progress bar on stderr instead of logging the training lines (for a terminal)
 * @param checkpointEvery a checkpoint is written every this many iterations (and at the end)
 * @param checkpointMinutes ... and when this many minutes passed since the last one (0: by iterations only)
 * @param keepCheckpoints the checkpoints kept per variant (older ones are deleted)
 * @param commandLine the command line that started the run, for its provenance record
 * @param seed the {@code --seed} that replaced every variant's seed (null: the study's own), recorded with the
 *     run's options so that a resume builds the same spec
 */
public record RunOptions(Path outDir, Devices devices, int accumulate, int logEvery, boolean progressBar,
    int checkpointEvery, int checkpointMinutes, int keepCheckpoints, List<String> commandLine, Long seed) {
  /** Detectron logs training statistics every 20 iterations. */
  public static final int DEFAULT_LOG_EVERY = 20;
  /** Detectron2's {@code SOLVER.CHECKPOINT_PERIOD} default. */
  public static final int DEFAULT_CHECKPOINT_EVERY = 5000;
  /**
   * A paper-scale iteration takes seconds on a small machine, so 5000 iterations can be hours: a time bound keeps
   * what a crash loses to minutes.
   */
  public static final int DEFAULT_CHECKPOINT_MINUTES = 15;
  /** The last three: the latest, and two to fall back to if it is found damaged. */
  public static final int DEFAULT_KEEP_CHECKPOINTS = 3;

  public RunOptions {
    if (outDir == null || devices == null) {
      throw new IllegalArgumentException("run options: outDir and devices are required");
    }
    if (accumulate < 1) {
      throw new IllegalArgumentException("run options: accumulate must be >= 1, was " + accumulate);
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("run options: logEvery must be >= 1, was " + logEvery);
    }
    if (checkpointEvery < 1 || checkpointMinutes < 0 || keepCheckpoints < 1) {
      throw new IllegalArgumentException("run options: checkpointEvery and keepCheckpoints must be >= 1 and"
          + " checkpointMinutes >= 0, were " + checkpointEvery + ", " + keepCheckpoints + ", " + checkpointMinutes);
    }
    commandLine = List.copyOf(commandLine);
  }

  /** One device of {@code device}'s kind, no accumulation. */
  public RunOptions(Path outDir, Device device, int logEvery, boolean progressBar, int checkpointEvery,
      int checkpointMinutes, int keepCheckpoints, List<String> commandLine, Long seed) {
    this(outDir, Devices.one(device), 1, logEvery, progressBar, checkpointEvery, checkpointMinutes,
        keepCheckpoints, commandLine, seed);
  }

  /** The kind of device the graphs run on. */
  public Device device() {
    return devices.kind();
  }

  /** The training graph's placement: one tower per device, {@link #accumulate()} passes. */
  public dev.rethink.graph.core.Placement placement() {
    return devices.placement(accumulate);
  }

  /** Without a {@code --seed}. */
  public RunOptions(Path outDir, Device device, int logEvery, boolean progressBar, int checkpointEvery,
      int checkpointMinutes, int keepCheckpoints, List<String> commandLine) {
    this(outDir, device, logEvery, progressBar, checkpointEvery, checkpointMinutes, keepCheckpoints, commandLine,
        null);
  }

  /** The options that belong to the run ({@code options.json}): recorded when it starts, used by its resumes. */
  public RunScopedOptions scoped() {
    return new RunScopedOptions(checkpointEvery, checkpointMinutes, keepCheckpoints, logEvery, seed,
        devices.cliName(), accumulate);
  }

  /** Default checkpointing. */
  public RunOptions(Path outDir, Device device, int logEvery, boolean progressBar) {
    this(outDir, device, logEvery, progressBar, DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_MINUTES,
        DEFAULT_KEEP_CHECKPOINTS, List.of());
  }

  /** Default logging and checkpointing on {@code device} into {@code outDir}, without a progress bar. */
  public static RunOptions of(Path outDir, Device device) {
    return new RunOptions(outDir, device, DEFAULT_LOG_EVERY, false);
  }
}
