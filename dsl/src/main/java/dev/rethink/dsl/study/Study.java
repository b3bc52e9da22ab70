package dev.rethink.dsl.study;

import java.util.List;

/**
 * A study: a question answered by comparing variants, e.g. "does GN from scratch on a 3x schedule match
 * pre-training?". Implementations are listed in {@code META-INF/services/dev.rethink.dsl.study.Study} and need a
 * public no-argument constructor.
 *
 * <pre>{@code
 * public final class MyStudy implements Study {
 *   public String description() { return "GN vs BN from scratch"; }
 *   public StudySpec define(Profile profile) {
 *     Scale s = profile.scale();
 *     VariantSpec gn = VariantSpec.classifier("gn", s, ResNetSpec.of(18).withNorm(s.groupNorm()));
 *     return StudySpec.of(this, profile, gn, gn.withName("bn").withNorm(new BatchNorm()));
 *   }
 * }
 * }</pre>
 */
public interface Study {

  /** The name used on the command line; the simple class name by default. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** One or two sentences: the question the study answers. */
  String description();

  /**
   * The study's variants at the given profile. Callers go through {@link StudyDefinition#define}, under which a
   * broken rule names the variant and full path ({@code variants[gn].schedule.baseLr}).
   */
  StudySpec define(Profile profile);

  /**
   * The profiles this study runs at, the first being the default: the bundled quick and paper ones; a study adds
   * its own with {@link Profile#named}, e.g. a "mini COCO" between the two. {@code --profile} accepts these names.
   */
  default List<Profile> profiles() {
    return Profile.bundled();
  }
}
