package dev.rethink.studies;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.MaskRcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.RoiAlignSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;

/**
 * The paper's main experiment (§4, Table 1 and Figure 1): Mask R-CNN with GN in the backbone, FPN and heads
 * (4conv1fc box head, GN mask head), trained from MSRA random init for 2x and 6x against the same model fine-tuned
 * for 2x from a classifier pre-trained on the source task (ImageNet at paper scale), with GN fine-tuned, not
 * frozen, and nothing frozen ({@code freezeAt 0}). At paper scale: R50-FPN on COCO train2017, batch 16, LR 0.02
 * with linear warm-up, LR ÷10 at the last 60k and 20k iterations, shorter side 800, flips; evaluated on val2017.
 */
public final class MaskRcnnScratchVsPretrained implements Study {
  /** Fine-tuning and the shorter scratch schedule: 2x (paper Table 1, first column). */
  static final double SHORT_X = 2;
  /** The longer scratch schedule: 6x, where scratch reaches 41.3 box AP against 41.1 pre-trained (Table 1). */
  static final double LONG_X = 6;
  /** Pre-training on the quick profile's synthetic source task, in "x" of its 1x. */
  static final double QUICK_PRETRAIN_X = 2;

  /**
   * ImageNet pre-training of the paper's GN models (Wu & He, "Group Normalization", §5.1; Detectron's GN ImageNet
   * models): 100 epochs at batch 256.
   */
  static final int IMAGENET_EPOCHS = 100;
  /** Images per ImageNet iteration: 8 GPUs × 32 (GN paper §5.1). */
  static final int IMAGENET_BATCH = 256;
  /** LR 0.1 at batch 256 (GN paper §5.1, after Goyal et al.). */
  static final double IMAGENET_LR = 0.1;
  /** LR ÷10 at epochs 30, 60 and 90 (GN paper §5.1). */
  static final List<Integer> IMAGENET_DROP_EPOCHS = List.of(30, 60, 90);

  /** COCO detection categories (Detectron2 {@code ROI_HEADS.NUM_CLASSES: 80}). */
  static final int COCO_CLASSES = 80;

  @Override
  public String description() {
    return "Does Mask R-CNN (GN) trained from scratch catch up with ImageNet pre-training given a longer schedule"
        + " (2x fine-tuned vs 2x and 6x from scratch)?";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    GroupNorm gn = new GroupNorm(s.groupNormGroups());
    ResNetSpec backbone = PretrainVsScratchClassification.backbone(profile).withNorm(gn);
    VariantSpec pretrain = VariantSpec.classifier("pretrain", s, backbone).withSchedule(pretraining(profile));
    Scale.Detection d = s.detection();
    VariantSpec scratch2x = new VariantSpec("scratch-2x", maskRcnn(s, backbone), InitSpec.scratch(), d.data(),
        d.input(), d.nx(SHORT_X, s.warmup()), s.optimizer(), new EvalSpec(List.of(CocoAp.boxAndMask()), d.iterations1x()), 0L);
    VariantSpec pretrained2x = scratch2x.withName("pretrained-2x").withInit(InitSpec.from("pretrain"));
    VariantSpec scratch6x = scratch2x.withName("scratch-6x").withSchedule(d.nx(LONG_X, s.warmup()));
    return StudySpec.of(this, profile, pretrain, pretrained2x, scratch2x, scratch6x);
  }

  /**
   * Mask R-CNN with FPN and GN everywhere (paper §3-4, Detectron {@code e2e_mask_rcnn_R-50-FPN_3x_gn}): GN(32) in
   * the backbone, FPN, 4conv1fc box head and 4-conv mask head; at quick scale the scale's narrower pyramid and
   * heads, smaller anchors, fewer proposals and RoIs.
   */
  static MaskRcnnSpec maskRcnn(Scale s, ResNetSpec backbone) {
    GroupNorm gn = (GroupNorm) backbone.norm();
    Scale.Detection d = s.detection();
    MaskRcnnSpec base = MaskRcnnSpec.fpn(backbone, classes(s));
    return base
        .withFpn(fpn(d, gn))
        .withRpn(rpn(d, base.rpn()))
        .withRoiHeads(roiHeads(d, base.roiHeads(), gn))
        .withMaskHead(new MaskHeadSpec(MaskHeadSpec.CONVS, d.fpnChannels(), gn, RoiAlignSpec.mask(),
            MaskHeadSpec.CLASS_SPECIFIC));
  }

  /** The FPN at the scale's width with {@code gn} (paper §3: GN in the FPN too). */
  static FpnSpec fpn(Scale.Detection d, GroupNorm gn) {
    return new FpnSpec(d.fpnChannels(), gn);
  }

  /** {@code base} with the scale's anchor sizes and proposal limits. */
  static RpnSpec rpn(Scale.Detection d, RpnSpec base) {
    return base.withAnchorSizes(d.anchorSizes()).withLimits(d.trainProposals(), d.testProposals());
  }

  /** {@code base} with the paper's GN 4conv1fc box head at the scale's widths and the scale's RoIs per image. */
  static RoiHeadsSpec roiHeads(Scale.Detection d, RoiHeadsSpec base, GroupNorm gn) {
    return base.withBoxHead(new ConvFc(ConvFc.CONVS, d.fpnChannels(), ConvFc.FCS, d.fcDim(), gn))
        .withRoisPerImage(d.roisPerImage());
  }

  /** COCO's 80 categories at paper scale; the synthetic set's classes at quick scale. */
  static int classes(Scale s) {
    return s.detection().data().knownClasses().orElse(COCO_CLASSES);
  }

  /**
   * The pre-training schedule: ImageNet's GN recipe at paper scale ({@link #IMAGENET_EPOCHS} epochs at batch
   * {@link #IMAGENET_BATCH}, LR {@link #IMAGENET_LR}, drops at {@link #IMAGENET_DROP_EPOCHS}); at quick scale
   * {@link #QUICK_PRETRAIN_X} of the quick 1x on the synthetic source task.
   */
  static ScheduleSpec pretraining(Profile profile) {
    return switch (profile) {
      case QUICK -> profile.scale().nx(QUICK_PRETRAIN_X);
      case PAPER -> {
        double perEpoch = (double) ImageFolder.IMAGENET_TRAIN_IMAGES / IMAGENET_BATCH;
        yield new ScheduleSpec(IMAGENET_BATCH, (int) Math.round(IMAGENET_EPOCHS * perEpoch), IMAGENET_LR,
            WarmupSpec.none(), IMAGENET_DROP_EPOCHS.stream().map(e -> (int) Math.round(e * perEpoch)).toList(), 0.1);
      }
    };
  }
}
