package dev.rethink.runtime.testing;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;

/** Test study: GN vs BN from scratch at the profile's scale (used for listing and describing). */
public final class TinyNormsStudy implements Study {
  @Override
  public String name() {
    return "TinyNorms";
  }

  @Override
  public String description() {
    return "Test study: GN vs BN from scratch.";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    VariantSpec gn = VariantSpec.classifier("gn", s, ResNetSpec.of(18).withWidthMultiplier(s.widthMultiplier())
        .withNorm(new GroupNorm(s.groupNormGroups())));
    return StudySpec.of(this, profile, gn, gn.withName("bn").withNorm(new BatchNorm()).withSchedule(s.nx(2)));
  }
}
