package dev.rethink.runtime.train;

import dev.rethink.dsl.study.StudySpec;

/** Runs every variant of a study into a run directory and writes its report. */
public interface StudyRunner {

  /**
   * Trains and evaluates the variants in {@link StudySpec#executionOrder()}. A variant that diverges or fails
   * does not stop the study; the variants initialized from it are skipped.
   */
  StudyOutcome run(StudySpec study);
}
