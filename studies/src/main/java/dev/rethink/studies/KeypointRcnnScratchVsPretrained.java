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
 * The paper's keypoint experiment (§5, "Keypoints": 65.6 keypoint AP from scratch against 65.5 pre-trained, both
 * 2x): Keypoint R-CNN with GN in the backbone, FPN and heads ({@link PaperRecipes}' 4conv1fc box head and GN
 * keypoint head), trained from MSRA random init for 2x against the same model fine-tuned for 2x from the shared
 * pre-trained classifier ({@link PaperRecipes#pretrain}), nothing frozen. At paper scale: R50-FPN on COCO person keypoints
 * train2017, batch 16, LR 0.02 with linear warm-up, LR ÷10 at the last 60k and 20k iterations; keypoint (OKS) and
 * box AP on val2017.
 */
public final class KeypointRcnnScratchVsPretrained implements Study {
  /** Both schedules: 2x (paper §5, "Keypoints"). */
  static final double SCHEDULE_X = 2;

  @Override
  public String description() {
    return "Does Keypoint R-CNN (GN) trained from scratch match ImageNet pre-training at the same 2x schedule"
        + " (paper: 65.6 vs 65.5 keypoint AP)?";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    ResNetSpec backbone = PaperRecipes.backbone(profile).withNorm(s.groupNorm());
    VariantSpec pretrain = PaperRecipes.pretrain(profile, backbone);
    RcnnSpec keypointRcnn = PaperRecipes.gnRcnn(s, backbone, PaperRecipes.personClasses(s))
        .withKeypointHead(PaperRecipes.gnKeypointHead(s));
    VariantSpec scratch2x = VariantSpec.detector("scratch-2x", s, keypointRcnn)
        .withSchedule(s.detection().nx(SCHEDULE_X, s.warmup()));
    VariantSpec pretrained2x = scratch2x.withName("pretrained-2x").withInit(InitSpec.from(PaperRecipes.PRETRAIN));
    return StudySpec.of(this, profile, pretrain, pretrained2x, scratch2x);
  }
}
