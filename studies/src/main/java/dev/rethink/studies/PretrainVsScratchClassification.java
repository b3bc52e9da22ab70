package dev.rethink.studies;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;

/**
 * The paper's question in miniature, for classifiers: a GN ResNet pre-trained on a source task and fine-tuned on
 * a target task, against the same network trained on the target task from scratch for 1x and 3x as long
 * (paper §5: scratch catches up given a longer schedule). The quick profile uses the synthetic source / target
 * tasks, which share visual primitives as ImageNet and COCO do.
 */
public final class PretrainVsScratchClassification implements Study {

  /** Pre-training length in "x" of the profile's 1x schedule. */
  static final double PRETRAIN_X = 2;

  @Override
  public String description() {
    return "Does a GN ResNet trained from scratch on the target task match one pre-trained on the source task"
        + " and fine-tuned, if it trains 3x longer?";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    ResNetSpec backbone = PaperRecipes.backbone(profile).withNorm(s.groupNorm());

    VariantSpec pretrain = VariantSpec.classifier("pretrain", s, backbone)
        .withSchedule(s.nx(PRETRAIN_X));
    VariantSpec target = pretrain.withData(s.targetData()).withSchedule(s.nx(1));
    VariantSpec finetune = target.withName("pretrained-1x").withInit(InitSpec.from("pretrain"));
    VariantSpec scratch1x = target.withName("scratch-1x");
    VariantSpec scratch3x = target.withName("scratch-3x").withSchedule(s.nx(3));
    return StudySpec.of(this, profile, pretrain, finetune, scratch1x, scratch3x);
  }
}
