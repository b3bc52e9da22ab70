package dev.rethink.runtime.train;

import java.nio.file.Path;

/**
 * How a study is run, as opposed to what runs (the {@link dev.rethink.dsl.study.StudySpec}).
 *
 * @param outDir the run directory (see {@link dev.rethink.runtime.report.RunDirectory})
 * @param device where graphs run
 * @param logEvery a training line is logged and written to {@code metrics.jsonl} every this many iterations,
 *     and at the last one
 * @param progressBar draw a progress bar on stderr instead of logging the training lines (for a terminal)
 */
public record RunOptions(Path outDir, Device device, int logEvery, boolean progressBar) {
  /** Detectron logs training statistics every 20 iterations. */
  public static final int DEFAULT_LOG_EVERY = 20;

  public RunOptions {
    if (outDir == null || device == null) {
      throw new IllegalArgumentException("run options: outDir and device are required");
    }
    if (logEvery < 1) {
      throw new IllegalArgumentException("run options: logEvery must be >= 1, was " + logEvery);
    }
  }

  /** Default logging on {@code device} into {@code outDir}, without a progress bar. */
  public static RunOptions of(Path outDir, Device device) {
    return new RunOptions(outDir, device, DEFAULT_LOG_EVERY, false);
  }
}
