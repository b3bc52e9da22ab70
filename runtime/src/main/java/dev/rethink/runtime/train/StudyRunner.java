package dev.rethink.runtime.train;

import dev.rethink.dsl.study.StudySpec;

/** Runs every variant of a study into a run directory and writes its report. */
public interface StudyRunner {

  /**
   * Trains and evaluates the variants in {@link StudySpec#executionOrder()}. The device and every dataset are
   * checked first, before anything is written. Then a variant that diverges or fails does not stop the study;
   * the variants initialized from it are skipped. A run directory holding this study already is resumed.
   *
   * @throws IllegalStateException if the device is unavailable, or the run directory is neither empty nor a run
   *     of this same study (the message names the first differing field)
   * @throws dev.rethink.runtime.train.control.RunLockedException if another process runs in the directory
   * @throws dev.rethink.runtime.data.DataException if a dataset is missing or malformed
   * @throws dev.rethink.dsl.SpecException if a classifier's class count differs from its dataset's
   */
  StudyOutcome run(StudySpec study);
}
