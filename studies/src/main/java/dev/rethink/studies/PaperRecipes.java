package dev.rethink.studies;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.RoiAlignSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;

/**
 * The paper's recipes that several studies share, in one place so that the studies compare the same models
 * (studies/README.md, "Protocol"): the backbone at each profile, the pre-training that the fine-tuned detectors
 * start from, and the GN detector — GN in the backbone, FPN and heads (§3), the 4conv1fc box head, the GN mask
 * and keypoint heads — at a scale's widths, anchors, proposals and RoIs. Studies call these, never each other.
 */
public final class PaperRecipes {
  /** Name of the pre-training variant the fine-tuned detectors take their backbone from. */
  public static final String PRETRAIN = "pretrain";

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
  /** Person is the only category of COCO's keypoint task (Detectron2 {@code ROI_HEADS.NUM_CLASSES: 1}). */
  static final int PERSON_CLASSES = 1;

  private PaperRecipes() {}

  /** ResNet-50 at paper scale (the paper's R50); ResNet-18 at the quick profile's width for CPU speed. */
  public static ResNetSpec backbone(Profile profile) {
    return switch (profile) {
      case PAPER -> ResNetSpec.of(50);
      case QUICK -> ResNetSpec.of(18).withWidthMultiplier(profile.scale().widthMultiplier());
    };
  }

  /**
   * The pre-training schedule: ImageNet's GN recipe at paper scale ({@link #IMAGENET_EPOCHS} epochs at batch
   * {@link #IMAGENET_BATCH}, LR {@link #IMAGENET_LR}, drops at {@link #IMAGENET_DROP_EPOCHS}); at quick scale
   * {@link #QUICK_PRETRAIN_X} of the quick 1x on the synthetic source task.
   */
  public static ScheduleSpec pretraining(Profile profile) {
    return switch (profile) {
      case QUICK -> profile.scale().nx(QUICK_PRETRAIN_X);
      case PAPER -> {
        double perEpoch = (double) ImageFolder.IMAGENET_TRAIN_IMAGES / IMAGENET_BATCH;
        yield new ScheduleSpec(IMAGENET_BATCH, (int) Math.round(IMAGENET_EPOCHS * perEpoch), IMAGENET_LR,
            WarmupSpec.none(), IMAGENET_DROP_EPOCHS.stream().map(e -> (int) Math.round(e * perEpoch)).toList(), 0.1);
      }
    };
  }

  /**
   * The classifier the fine-tuned detectors start from ({@link #PRETRAIN}): {@code backbone} on the scale's
   * pre-training set (ImageNet at paper scale) with {@link #pretraining}.
   */
  public static VariantSpec pretrain(Profile profile, ResNetSpec backbone) {
    return VariantSpec.classifier(PRETRAIN, profile.scale(), backbone).withSchedule(pretraining(profile));
  }

  /**
   * The paper's GN detector without instance heads, i.e. GN Faster R-CNN (§3-4, Detectron
   * {@code e2e_mask_rcnn_R-50-FPN_3x_gn} without its mask head): the scale's GN in the backbone, the FPN at the
   * scale's width, the RPN with the scale's anchors and proposal limits, the 4conv1fc GN box head at the scale's
   * widths and RoIs per image. Add the heads with {@link RcnnSpec#withMaskHead} / {@link RcnnSpec#withKeypointHead}
   * and {@link #gnMaskHead} / {@link #gnKeypointHead}.
   */
  public static RcnnSpec gnRcnn(Scale s, ResNetSpec backbone, int numClasses) {
    GroupNorm gn = s.groupNorm();
    Scale.Detection d = s.detection();
    RcnnSpec base = RcnnSpec.fasterFpn(backbone.withNorm(gn), numClasses);
    return base
        .withFpn(new FpnSpec(d.fpnChannels(), gn))
        .withRpn(base.rpn().withAnchorSizes(d.anchorSizes()).withLimits(d.trainProposals(), d.testProposals()))
        .withRoiHeads(RoiHeadsSpec.of(new ConvFc(ConvFc.CONVS, d.fpnChannels(), ConvFc.FCS, d.fcDim(), gn))
            .withRoisPerImage(d.roisPerImage()));
  }

  /** The GN mask head (4 convs + deconv, paper §3) at the scale's FPN width, Detectron2's 14×14 RoIAlign. */
  public static MaskHeadSpec gnMaskHead(Scale s) {
    return new MaskHeadSpec(MaskHeadSpec.CONVS, s.detection().fpnChannels(), s.groupNorm(), RoiAlignSpec.mask(),
        MaskHeadSpec.CLASS_SPECIFIC);
  }

  /**
   * Detectron2's keypoint head (8 convs, 14×14 RoIAlign, 56×56 heatmaps) with GN, its width
   * ({@link KeypointHeadSpec#CONV_DIM}, 512 against the FPN's 256) kept in proportion to the scale's FPN width.
   */
  public static KeypointHeadSpec gnKeypointHead(Scale s) {
    int convDim = KeypointHeadSpec.CONV_DIM * s.detection().fpnChannels() / FpnSpec.DEFAULT_OUT_CHANNELS;
    return KeypointHeadSpec.detectron().withConvs(KeypointHeadSpec.CONVS, convDim).withNorm(s.groupNorm());
  }

  /** COCO's 80 categories at paper scale; the synthetic set's classes at quick scale. */
  public static int cocoClasses(Scale s) {
    return s.detection().data().knownClasses().orElse(COCO_CLASSES);
  }

  /** COCO person keypoints' one category (person) at paper scale; the synthetic set's at quick scale. */
  public static int personClasses(Scale s) {
    return s.detection().keypointData().knownClasses().orElse(PERSON_CLASSES);
  }
}
