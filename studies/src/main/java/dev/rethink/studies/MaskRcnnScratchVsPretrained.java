package dev.rethink.studies;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;

/**
 * The paper's main experiment (§4, Table 1 and Figure 1): Mask R-CNN with GN in the backbone, FPN and heads
 * (4conv1fc box head, GN mask head), trained from MSRA random init for 2x and 6x against the same model fine-tuned
 * for 2x from a classifier pre-trained on the source task (ImageNet at paper scale), with GN fine-tuned, not
 * frozen, and nothing frozen ({@code freezeAt 0}). At paper scale: R50-FPN on COCO train2017, batch 16, LR 0.02
 * with linear warm-up, LR ÷10 at the last 60k and 20k iterations, shorter side 800, flips; evaluated on val2017.
 * The model and the pre-training are {@link PaperRecipes}'.
 */
public final class MaskRcnnScratchVsPretrained implements Study {
  /** Fine-tuning and the shorter scratch schedule: 2x (paper Table 1, first column). */
  static final double SHORT_X = 2;
  /** The longer scratch schedule: 6x, where scratch reaches 41.3 box AP against 41.1 pre-trained (Table 1). */
  static final double LONG_X = 6;

  @Override
  public String description() {
    return "Does Mask R-CNN (GN) trained from scratch catch up with ImageNet pre-training given a longer schedule"
        + " (2x fine-tuned vs 2x and 6x from scratch)?";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    ResNetSpec backbone = PaperRecipes.backbone(profile).withNorm(s.groupNorm());
    VariantSpec pretrain = PaperRecipes.pretrain(profile, backbone);
    RcnnSpec maskRcnn = PaperRecipes.gnRcnn(s, backbone, PaperRecipes.cocoClasses(s))
        .withMaskHead(PaperRecipes.gnMaskHead(s));
    Scale.Detection d = s.detection();
    VariantSpec scratch2x = VariantSpec.detector("scratch-2x", s, maskRcnn).withSchedule(d.nx(SHORT_X, s.warmup()));
    VariantSpec pretrained2x = scratch2x.withName("pretrained-2x").withInit(InitSpec.from(PaperRecipes.PRETRAIN));
    VariantSpec scratch6x = scratch2x.withName("scratch-6x").withSchedule(d.nx(LONG_X, s.warmup()));
    return StudySpec.of(this, profile, pretrain, pretrained2x, scratch2x, scratch6x);
  }
}
