package dev.rethink.dsl.study;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.ProposalLimits;
import dev.rethink.dsl.model.detection.RpnSpec;
import dev.rethink.dsl.model.detection.StandardRoiHeads;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.optim.SgdSpec;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import java.util.List;

/**
 * The numbers that differ between a quick run and the paper's protocol, defined once: what "1x" means, the
 * batch, the LR, network width, input size and datasets. Studies read them from {@code profile.scale()} so
 * that one study class runs at both scales.
 *
 * @param name profile name
 * @param iterations1x iterations of a "1x" schedule
 * @param imagesPerBatch images per iteration
 * @param baseLr LR at that batch
 * @param warmup warm-up
 * @param optimizer SGD settings
 * @param widthMultiplier backbone width multiplier (1 at paper scale)
 * @param groupNormGroups GN groups that divide every width at this scale
 * @param classificationInput classification input transform
 * @param pretrainingData the pre-training classification set (ImageNet at paper scale)
 * @param targetData a downstream classification set distinct from the pre-training one
 * @param detection the detection counterparts: data, input, pyramid width, anchors
 */
public record Scale(String name, int iterations1x, int imagesPerBatch, double baseLr, WarmupSpec warmup,
    SgdSpec optimizer, double widthMultiplier, int groupNormGroups, ClassificationInput classificationInput,
    DatasetSpec pretrainingData, DatasetSpec targetData, Detection detection) {

  /**
   * What a detector needs at a scale besides the backbone's width and the optimizer: its data, the pyramid and
   * heads' width, anchors, how many proposals and RoIs it works on, and what "1x" means for it (at paper scale the
   * same 1x, batch and LR as {@link Scale}'s; at quick scale a detector step costs far more than a classifier's).
   *
   * @param data the detection / instance-segmentation set (COCO train2017 / val2017 at paper scale)
   * @param input its input transform
   * @param fpnChannels width of the FPN levels; the heads' convs take the same width and the box head's fc four
   *     times it (Detectron's 256 and 1024)
   * @param anchorSizes RPN anchor sizes, one per FPN level P2…P6
   * @param trainProposals RPN proposals in training (pre-NMS per level, post-NMS per image)
   * @param testProposals RPN proposals at inference
   * @param roisPerImage RoIs sampled per image for the box head
   * @param iterations1x iterations of a detection "1x" schedule
   * @param imagesPerBatch images per detection iteration
   * @param baseLr the detection LR at that batch
   * @param keypointData the person-keypoints set of Keypoint R-CNN (COCO person keypoints train2017 / val2017 at
   *     paper scale), read with the same {@code input}
   * @param vocData the PASCAL VOC-format set of the VOC experiment (VOC 2007 trainval + 2012 train, evaluated on
   *     2012 val, at paper scale), read with the same {@code input}
   */
  public record Detection(DatasetSpec data, DetectionInput input, int fpnChannels, List<Double> anchorSizes,
      ProposalLimits trainProposals, ProposalLimits testProposals, int roisPerImage, int iterations1x,
      int imagesPerBatch, double baseLr, DatasetSpec keypointData, DatasetSpec vocData) {
    public Detection {
      require(data != null && input != null && trainProposals != null && testProposals != null,
          "scale.detection", "data, input and proposal limits are required");
      require(keypointData != null, "scale.detection.keypointData",
          "is required (hint: Coco.personKeypoints2017(root) or SyntheticCoco.personKeypoints(...))");
      require(vocData != null, "scale.detection.vocData",
          "is required (hint: Voc.paper(root) or new SyntheticVoc(...))");
      require(fpnChannels >= 1, "scale.detection.fpnChannels", "must be >= 1, was " + fpnChannels);
      require(anchorSizes != null && anchorSizes.size() == FpnSpec.RPN_LEVELS.size(), "scale.detection.anchorSizes",
          "needs one size per FPN level " + FpnSpec.RPN_LEVELS + ", was " + anchorSizes);
      anchorSizes = List.copyOf(anchorSizes);
      require(roisPerImage >= 1 && iterations1x >= 1 && imagesPerBatch >= 1 && baseLr > 0, "scale.detection",
          "roisPerImage, iterations1x, imagesPerBatch and baseLr must be positive");
    }

    /** The box head's fc width: four times the conv width, as Detectron's 1024 for 256. */
    public int fcDim() {
      return 4 * fpnChannels;
    }

    /** The paper's "Nx" detection schedule at this scale, with {@code warmup}. */
    public ScheduleSpec nx(double n, WarmupSpec warmup) {
      return ScheduleSpec.nx(n, iterations1x, imagesPerBatch, baseLr, warmup);
    }
  }

  /** Seed of the quick profile's synthetic data (fixed so every machine generates the same files). */
  public static final long QUICK_DATA_SEED = 20190101L;

  /** Root of COCO under the data root at paper scale ({@code <data root>/coco/annotations, train2017, val2017}). */
  public static final String PAPER_COCO_ROOT = "coco";

  /** Root of PASCAL VOC under the data root at paper scale ({@code <data root>/VOCdevkit/VOC2007, VOC2012}). */
  public static final String PAPER_VOC_ROOT = "VOCdevkit";

  /**
   * The paper's detection setting (§4): COCO train2017 / val2017, shorter side 800 and longer side at most 1333,
   * horizontal flips, 1x = 90k iterations at batch 16 and LR 0.02; Detectron2's FPN width 256, anchors 32…512,
   * 2000/1000 proposals in training and 1000/1000 at inference, 512 RoIs per image. Keypoint R-CNN trains on COCO
   * person keypoints train2017 and is evaluated on its val2017 (paper §5, "Keypoints"); the VOC experiment trains
   * on VOC 2007 trainval + 2012 train and is evaluated on 2012 val (paper §5, "PASCAL VOC").
   */
  public static final Detection PAPER_DETECTION = new Detection(Coco.instances2017(PAPER_COCO_ROOT),
      DetectionInput.detectron(), FpnSpec.DEFAULT_OUT_CHANNELS, RpnSpec.FPN_ANCHOR_SIZES, RpnSpec.FPN_TRAIN,
      RpnSpec.FPN_TEST, StandardRoiHeads.ROIS_PER_IMAGE, ScheduleSpec.ITERATIONS_1X, ScheduleSpec.REFERENCE_BATCH,
      ScheduleSpec.PAPER_BASE_LR, Coco.personKeypoints2017(PAPER_COCO_ROOT), Voc.paper(PAPER_VOC_ROOT));

  /** Longer side of the quick profile's synthetic detection images (the shorter is 60–100% of it). */
  public static final int QUICK_DETECTION_IMAGE_SIZE = 128;

  /**
   * The quick profile's detection setting: 400 training and 100 evaluation synthetic COCO images of 128 px,
   * whose objects are compositions of the synthetic classification primitives (so pre-training on the source task
   * can help, as ImageNet does for COCO); shorter side 128, longer at most 213 (the paper's 800:1333), flips;
   * FPN and heads 32 wide and anchors a quarter of Detectron2's (8…128), for objects 8–80 px wide as the paper's
   * anchors suit COCO's objects at 800 px; with 2–8 objects per image, a quarter of the proposals and an eighth of
   * the RoIs suffice. 1x = 500 iterations at batch 2 (1000 images, two and a half epochs), LR 0.02: on 2 cores a
   * detector step at batch 2 costs little more than at batch 1 and half as much as at batch 4, and updates count
   * more than images here (measured from scratch for 2x: 3.4 box AP at batch 4 with 1x = 200, 6.8 at batch 2 with
   * 1x = 400, 13.4 at batch 2 with 1x = 500 — the AP takes off only after ~600 updates at full LR; LR 0.04 or
   * 0.08 instead of 0.02 at batch 4 gained at most one point). Keypoint R-CNN's set has as
   * many images of the same size, of stick figures carrying COCO's 17 person keypoints, from its own seed; the VOC
   * experiment's set has as many images of the same objects, written in VOC format (VOC2007 trainval and VOC2012
   * train for training, VOC2012 val for evaluation, small or mostly hidden objects marked difficult), from its own
   * seed.
   */
  public static final Detection QUICK_DETECTION = new Detection(
      SyntheticCoco.instances(400, 100, QUICK_DETECTION_IMAGE_SIZE, QUICK_DATA_SEED + 2),
      DetectionInput.fixed(QUICK_DETECTION_IMAGE_SIZE, 213), 32, List.of(8.0, 16.0, 32.0, 64.0, 128.0),
      new ProposalLimits(1000, 256), new ProposalLimits(1000, 256), 64, 500, 2, 0.02,
      SyntheticCoco.personKeypoints(400, 100, QUICK_DETECTION_IMAGE_SIZE, QUICK_DATA_SEED + 3),
      new SyntheticVoc(400, 100, QUICK_DETECTION_IMAGE_SIZE, QUICK_DATA_SEED + 4));

  /**
   * Classes of the paper profile's downstream classification set ({@code <data root>/classification-target}): the
   * paper has no such experiment, so any ImageNet-style folder with this many classes serves.
   */
  public static final int PAPER_TARGET_CLASSES = 100;

  /**
   * The paper's protocol (§4): 1x = 90k iterations at batch 16, LR 0.02, 500-iteration warm-up from 1/3
   * (Detectron), full width, GN with 32 groups, ImageNet at 224².
   */
  public static final Scale PAPER = new Scale("paper", ScheduleSpec.ITERATIONS_1X, ScheduleSpec.REFERENCE_BATCH,
      ScheduleSpec.PAPER_BASE_LR, new WarmupSpec(WarmupSpec.DETECTRON_ITERATIONS, WarmupSpec.DETECTRON_FACTOR),
      SgdSpec.paper(), 1.0, 32, new ClassificationInput(ClassificationInput.IMAGENET_SIZE, true, true),
      ImageFolder.imagenet(), new ImageFolder("classification-target", PAPER_TARGET_CLASSES), PAPER_DETECTION);

  /**
   * Minutes on a 2-core CPU: 1x = 400 iterations at batch 16 (four epochs of the quick source set), networks at
   * 1/4 width, 32² synthetic images generated on first use. The LR is half the paper's: on the quick source set a
   * GN ResNet-18 ×0.25 reached 48% top-1 after 400 iterations at 0.01 against 24% at 0.02 (both ≈75% at 800).
   */
  public static final Scale QUICK = new Scale("quick", 400, 16, 0.01, new WarmupSpec(50, 1.0 / 3.0),
      SgdSpec.paper(), 0.25, 8, new ClassificationInput(32, false, true),
      new SyntheticClassification(SyntheticClassification.Task.SOURCE, 10, 160, 40, 32, QUICK_DATA_SEED),
      new SyntheticClassification(SyntheticClassification.Task.TARGET, 10, 30, 40, 32, QUICK_DATA_SEED + 1),
      QUICK_DETECTION);

  public Scale {
    require(name != null && !name.isBlank(), "scale.name", "is required");
    require(iterations1x >= 1, "scale.iterations1x", "must be >= 1, was " + iterations1x);
    require(imagesPerBatch >= 1, "scale.imagesPerBatch", "must be >= 1, was " + imagesPerBatch);
    require(baseLr > 0, "scale.baseLr", "must be > 0, was " + baseLr);
    require(warmup != null && optimizer != null && classificationInput != null && pretrainingData != null
        && targetData != null && detection != null, "scale", "every field is required");
    require(groupNormGroups >= 1, "scale.groupNormGroups", "must be >= 1, was " + groupNormGroups);
  }

  /** GroupNorm with this scale's {@link #groupNormGroups()}: the norm of the paper's GN models at this scale. */
  public GroupNorm groupNorm() {
    return new GroupNorm(groupNormGroups);
  }

  /** The paper's "Nx" schedule at this scale. */
  public ScheduleSpec nx(double n) {
    return ScheduleSpec.nx(n, this);
  }
}
