package dev.rethink.studies;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.eval.VocMap;
import dev.rethink.dsl.eval.VocMetric;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;

/**
 * The paper's PASCAL VOC experiment (§5, "PASCAL VOC": 82.7 mAP fine-tuned from ImageNet pre-training at 18k
 * iterations against 77.6 from scratch at 144k: on this small set scratch falls behind, unlike on COCO): Faster
 * R-CNN with GN in the backbone, FPN and the 4conv1fc box head ({@link PaperRecipes#gnRcnn}, as many classes as the
 * VOC set has: PASCAL's 20 at paper scale), trained from MSRA random init against the same model fine-tuned from
 * the shared pre-trained classifier ({@link PaperRecipes#pretrain}, ImageNet at paper scale), GN fine-tuned and
 * nothing frozen, both evaluated by VOC mAP at IoU 0.5.
 *
 * <p>Paper profile: R101-FPN on VOC 2007 trainval + 2012 train, evaluated on 2012 val with the VOC2010+ area metric
 * ({@link VocMetric#AREA}, the devkit's metric for 2012), batch 16, LR 0.02 with the scale's linear warm-up (500
 * iterations from 1/3, Detectron's), the COCO experiments' input (shorter side 800, flips); pre-trained
 * {@value #PAPER_PRETRAINED_ITERATIONS} iterations against scratch {@value #PAPER_SCRATCH_ITERATIONS}.
 *
 * <p>LR drops: the protocol ({@code studies/README.md}) gives the VOC runs' lengths only, not where they drop
 * the LR. The 18k fine-tuning takes Detectron2's VOC recipe
 * ({@code configs/PascalVOC-Detection/faster_rcnn_R_50_FPN.yaml}: {@code MAX_ITER 18000}, {@code STEPS (12000,
 * 16000)}, batch 16, LR 0.02), i.e. ÷10 at the last third and the last ninth of the fine-tuning (6k and 2k
 * iterations); the 144k scratch run keeps those last 6k and 2k, as the paper keeps COCO's drops at the last 60k
 * and 20k iterations "whatever the length" of the schedule (§4). In the paper's "Nx" terms ({@link ScheduleSpec#nx})
 * the fine-tuning is a 2x ({@value #FINE_TUNING_X}x) of a 9k "1x", scratch a 16x.
 *
 * <p>Quick profile: the scale's synthetic VOC-format set, ResNet-18 ×0.25; the fine-tuning is a 2x of the quick
 * detection 1x (1000 iterations at batch 2) with its drops at the last third and ninth, as at paper scale, and
 * scratch trains {@value #QUICK_SCRATCH_TIMES} times as long (the Mask R-CNN study's 2x against 6x) with the same
 * last two stretches. The paper's 1 : 8 would take scratch to 8000 steps, about 17 minutes on 2 cores; a fine-tuning
 * as short as one quick 1x stops at ~14 mAP (measured: 13.6 after 500 iterations, LR dropped at 333), far from
 * converged, where the paper's 18k fine-tuning is its best result.
 *
 * <p>Both detectors are evaluated every half of the fine-tuning ({@link #evalPeriod}), at the same iterations, so
 * that the curves compare them step for step.
 */
public final class VocScratchVsPretrained implements Study {
  /** ResNet depth of the paper's VOC detector (R101-FPN, §5 "PASCAL VOC"). */
  static final int PAPER_DEPTH = 101;

  /** Fine-tuning from ImageNet pre-training at paper scale: 18k iterations at batch 16 (§5 "PASCAL VOC"). */
  static final int PAPER_PRETRAINED_ITERATIONS = 18_000;
  /** Training from scratch at paper scale: 144k iterations at batch 16, 8× the fine-tuning (§5 "PASCAL VOC"). */
  static final int PAPER_SCRATCH_ITERATIONS = 144_000;
  /**
   * The fine-tuning in the paper's "Nx" terms: 2x, whose drops come at its last third and ninth (Detectron2's VOC
   * recipe: 18k iterations, {@code STEPS (12000, 16000)}).
   */
  static final double FINE_TUNING_X = 2;

  /** Training from scratch at quick scale, in multiples of the fine-tuning (the paper's 8 at paper scale). */
  static final int QUICK_SCRATCH_TIMES = 3;

  @Override
  public String description() {
    return "Does Faster R-CNN (GN) trained from scratch on the small PASCAL VOC set match ImageNet pre-training"
        + " (paper: 77.6 mAP at 144k iterations vs 82.7 pre-trained at 18k)?";
  }

  @Override
  public StudySpec define(Profile profile) {
    Scale s = profile.scale();
    ResNetSpec backbone = backbone(profile).withNorm(s.groupNorm());
    VariantSpec pretrain = PaperRecipes.pretrain(profile, backbone);
    Scale.Detection d = s.detection();
    RcnnSpec fasterRcnn = PaperRecipes.gnRcnn(s, backbone, d.vocData().knownClasses().orElseThrow());
    VariantSpec scratch = VariantSpec.detector("scratch", s, fasterRcnn).withData(d.vocData())
        .withSchedule(schedule(profile, false))
        .withEval(new EvalSpec(List.of(new VocMap(VocMetric.AREA)), evalPeriod(profile)));
    VariantSpec pretrained = scratch.withName("pretrained").withInit(InitSpec.from(PaperRecipes.PRETRAIN))
        .withSchedule(schedule(profile, true));
    return StudySpec.of(this, profile, pretrain, pretrained, scratch);
  }

  /** The shared backbone ({@link PaperRecipes#backbone}), R101 at paper scale (the paper's VOC detector is R101-FPN). */
  static ResNetSpec backbone(Profile profile) {
    ResNetSpec base = PaperRecipes.backbone(profile);
    return switch (profile) {
      case PAPER -> base.withDepth(PAPER_DEPTH);
      case QUICK -> base;
    };
  }

  /**
   * The fine-tuning ({@code pretrained}) or scratch schedule at the scale's detection batch, LR and warm-up: at
   * paper scale 18k or 144k iterations, at quick scale a 2x of the quick detection 1x or {@value
   * #QUICK_SCRATCH_TIMES} times it; both with drops at the last third and ninth of the fine-tuning.
   */
  static ScheduleSpec schedule(Profile profile, boolean pretrained) {
    Scale s = profile.scale();
    Scale.Detection d = s.detection();
    int fineTuning = switch (profile) {
      case QUICK -> (int) Math.round(FINE_TUNING_X * d.iterations1x());
      case PAPER -> PAPER_PRETRAINED_ITERATIONS;
    };
    int scratch = switch (profile) {
      case QUICK -> QUICK_SCRATCH_TIMES * fineTuning;
      case PAPER -> PAPER_SCRATCH_ITERATIONS;
    };
    // The "1x" of which the fine-tuning is a 2x: nx() then puts the drops where Detectron2's VOC recipe does.
    int oneX = (int) Math.round(fineTuning / FINE_TUNING_X);
    return ScheduleSpec.nx((double) (pretrained ? fineTuning : scratch) / oneX, oneX, d.imagesPerBatch(),
        d.baseLr(), s.warmup());
  }

  /** Evaluation period of both detectors: half the fine-tuning (9k iterations at paper scale). */
  static int evalPeriod(Profile profile) {
    return schedule(profile, true).iterations() / 2;
  }
}
