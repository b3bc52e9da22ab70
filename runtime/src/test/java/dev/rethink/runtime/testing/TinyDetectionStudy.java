package dev.rethink.runtime.testing;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.ProposalLimits;
import dev.rethink.dsl.model.detection.RoiAlignSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.optim.SgdSpec;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;

/**
 * A detection study small enough for an end-to-end test whatever the profile: a GN ResNet-18 at 1/8 width
 * pre-trained as a classifier for a few iterations, then a tiny GN Mask R-CNN (FPN 16 channels, 2conv1fc box head,
 * 2-conv mask head) trained on 16 synthetic COCO images of 64 px from that backbone and from scratch.
 */
public final class TinyDetectionStudy implements Study {
  /** Iterations of each detector. */
  public static final int ITERATIONS = 10;
  /** Images per detector batch. */
  public static final int BATCH = 2;
  /** Evaluation period of the scratch detector. */
  public static final int PERIOD = 5;

  @Override
  public String name() {
    return "TinyDetection";
  }

  @Override
  public String description() {
    return "Test study: a tiny Mask R-CNN from a pre-trained backbone and from scratch.";
  }

  @Override
  public StudySpec define(Profile profile) {
    NormSpec gn = new GroupNorm(4);
    ResNetSpec backbone = ResNetSpec.of(18).withWidthMultiplier(0.125).withNorm(gn);
    VariantSpec pretrain = VariantSpec.classifier("pretrain", profile.scale(), backbone)
        .withData(new SyntheticClassification(SyntheticClassification.Task.SOURCE, 4, 8, 2, 32, 7L))
        .withInput(new ClassificationInput(32, false, true))
        .withSchedule(new ScheduleSpec(8, 4, 0.05, WarmupSpec.none(), List.of(), 0.1))
        .withSeed(3L);

    RcnnSpec base = RcnnSpec.maskFpn(backbone, SyntheticCoco.CLASSES).withFpn(new FpnSpec(16, gn))
        .withNormEverywhere(gn);
    RcnnSpec maskRcnn = base
        .withRpn(base.rpn().withAnchorSizes(List.of(8.0, 16.0, 24.0, 32.0, 48.0)).withAnchorsPerImage(64)
            .withLimits(new ProposalLimits(128, 32), new ProposalLimits(128, 32)))
        .withRoiHeads(base.roiHeads().withBoxHead(new ConvFc(2, 16, 1, 32, gn)).withRoisPerImage(32))
        .withMaskHead(new MaskHeadSpec(2, 16, gn, new RoiAlignSpec(7, 2), true));
    VariantSpec scratch = new VariantSpec("scratch", maskRcnn, InitSpec.scratch(),
        SyntheticCoco.instances(16, 8, 64, 9L), DetectionInput.fixed(64, 64),
        new ScheduleSpec(BATCH, ITERATIONS, 0.02, new WarmupSpec(2, 1.0 / 3.0), List.of(8), 0.1),
        SgdSpec.paper(), new EvalSpec(List.of(CocoAp.boxAndMask()), PERIOD), 5L);
    VariantSpec pretrained = scratch.withName("pretrained").withInit(InitSpec.from("pretrain"))
        .withEval(EvalSpec.atEnd(CocoAp.boxAndMask()));
    return StudySpec.of(this, profile, pretrain, pretrained, scratch);
  }
}
