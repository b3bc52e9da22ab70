package dev.rethink.dsl.study;

import dev.rethink.dsl.SpecParts;

/**
 * Defining a study the way the command line does: the parts its {@code define} builds are checked by the variants
 * that take them ({@link SpecParts}), so that a broken rule names the variant and the full path, e.g.
 * {@code variants[scratch].schedule.baseLr}, rather than {@code baseLr} alone.
 */
public final class StudyDefinition {
  private StudyDefinition() {}

  /**
   * {@code study.define(profile)} with the parts' rules checked by the variants.
   *
   * @throws dev.rethink.dsl.SpecException for a broken rule, naming the full path
   * @throws IllegalStateException if {@code define} returns null
   */
  public static StudySpec define(Study study, Profile profile) {
    StudySpec spec = SpecParts.deferringChecks(() -> study.define(profile));
    if (spec == null) {
      throw new IllegalStateException(study.getClass().getName() + ".define(" + profile.cliName()
          + ") returned null (hint: return StudySpec.of(this, profile, variants...))");
    }
    return spec;
  }
}
