package dev.rethink.studies;

import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;

/**
 * Normalization when training from scratch (paper §3, "Normalization"): the same ResNet from MSRA init with no
 * normalization, BN, SyncBN and GN. Without normalization a deep net from scratch is hard to train at the usual
 * LR (Detectron#665); GN and SyncBN make it work.
 */
public final class NormalizationFromScratch implements Study {

  /** Schedule length in "x" of the profile's 1x. */
  static final double LENGTH_X = 2;

  @Override
  public String description() {
    return "Which normalization lets a ResNet train from scratch: none, BN, SyncBN or GN?";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    VariantSpec gn = VariantSpec.classifier("gn", s, PaperRecipes.backbone(profile))
        .withNorm(s.groupNorm())
        .withSchedule(s.nx(LENGTH_X));
    return StudySpec.of(this, profile,
        gn.withName("none").withNorm(new NoNorm()),
        gn.withName("bn").withNorm(new BatchNorm()),
        gn.withName("syncbn").withNorm(new SyncBatchNorm()),
        gn);
  }
}
