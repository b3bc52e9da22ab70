package dev.rethink.studies;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.KeypointRcnnSpec;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;

/**
 * The paper's keypoint experiment (§5, "Keypoints": 65.6 keypoint AP from scratch against 65.5 pre-trained, both
 * 2x): Keypoint R-CNN with GN in the backbone, FPN and heads (the Mask R-CNN study's 4conv1fc box head, a GN
 * keypoint head), trained from MSRA random init for 2x against the same model fine-tuned for 2x from the Mask
 * R-CNN study's pre-trained classifier, nothing frozen. At paper scale: R50-FPN on COCO person keypoints
 * train2017, batch 16, LR 0.02 with linear warm-up, LR ÷10 at the last 60k and 20k iterations; keypoint (OKS) and
 * box AP on val2017.
 */
public final class KeypointRcnnScratchVsPretrained implements Study {
  /** Both schedules: 2x (paper §5, "Keypoints"). */
  static final double SCHEDULE_X = 2;

  /** Person is the only category of COCO's keypoint task (Detectron2 {@code ROI_HEADS.NUM_CLASSES: 1}). */
  static final int PERSON_CLASSES = 1;

  @Override
  public String description() {
    return "Does Keypoint R-CNN (GN) trained from scratch match ImageNet pre-training at the same 2x schedule"
        + " (paper: 65.6 vs 65.5 keypoint AP)?";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    GroupNorm gn = new GroupNorm(s.groupNormGroups());
    ResNetSpec backbone = PretrainVsScratchClassification.backbone(profile).withNorm(gn);
    VariantSpec pretrain = VariantSpec.classifier("pretrain", s, backbone)
        .withSchedule(MaskRcnnScratchVsPretrained.pretraining(profile));
    Scale.Detection d = s.detection();
    VariantSpec scratch2x = new VariantSpec("scratch-2x", keypointRcnn(s, backbone), InitSpec.scratch(),
        d.keypointData(), d.input(), d.nx(SCHEDULE_X, s.warmup()), s.optimizer(),
        new EvalSpec(List.of(CocoAp.boxAndKeypoints()), d.iterations1x()), 0L);
    VariantSpec pretrained2x = scratch2x.withName("pretrained-2x").withInit(InitSpec.from("pretrain"));
    return StudySpec.of(this, profile, pretrain, pretrained2x, scratch2x);
  }

  /**
   * Keypoint R-CNN with FPN and GN everywhere: the Mask R-CNN study's GN FPN, RPN and 4conv1fc box head at the
   * scale's widths, and Detectron2's keypoint head (8 convs, 14×14 RoIAlign, 56×56 heatmaps) with GN, its width
   * ({@link KeypointHeadSpec#CONV_DIM}, 512 against the FPN's 256) kept in proportion to the scale's FPN width.
   */
  static KeypointRcnnSpec keypointRcnn(Scale s, ResNetSpec backbone) {
    GroupNorm gn = (GroupNorm) backbone.norm();
    Scale.Detection d = s.detection();
    KeypointRcnnSpec base = KeypointRcnnSpec.fpn(backbone, d.keypointData().knownClasses().orElse(PERSON_CLASSES));
    int convDim = KeypointHeadSpec.CONV_DIM * d.fpnChannels() / FpnSpec.DEFAULT_OUT_CHANNELS;
    return base
        .withFpn(MaskRcnnScratchVsPretrained.fpn(d, gn))
        .withRpn(MaskRcnnScratchVsPretrained.rpn(d, base.rpn()))
        .withRoiHeads(MaskRcnnScratchVsPretrained.roiHeads(d, base.roiHeads(), gn))
        .withKeypointHead(base.keypointHead().withConvs(KeypointHeadSpec.CONVS, convDim).withNorm(gn));
  }
}
