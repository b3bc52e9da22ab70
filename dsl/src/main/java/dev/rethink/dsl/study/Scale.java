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
import dev.rethink.dsl.schedule.ScheduleUnit;
import dev.rethink.dsl.schedule.WarmupSpec;
import java.util.List;

/**
 * What differs between a quick run and the paper's protocol, defined once and in named parts: what "1x" means,
 * the optimizer, network width, the classification and the detection settings. Studies read them from
 * {@code profile.scale()} so that one study class runs at every scale. A scale of one's own starts from
 * {@link #QUICK} or {@link #PAPER} and changes parts with the withers, e.g.
 * {@code Scale.QUICK.withDetection(Scale.QUICK.detection().withOneX(...))}; a {@link Profile} names it.
 *
 * @param protocol which of the paper's recipes studies follow at this scale: the paper's own, or one reduced to
 *     fit a CPU
 * @param oneX a classification "1x": iterations, batch, LR and warm-up
 * @param optimizer SGD settings
 * @param network backbone width and GN groups
 * @param classification classification input and data
 * @param detection the detection counterparts: 1x, input, data, pyramid and RoI sizes
 */
public record Scale(Protocol protocol, ScheduleUnit oneX, SgdSpec optimizer, Network network,
    Classification classification, Detection detection) {

  /**
   * Which of the paper's recipes a study follows at a scale, for the choices a number cannot express (ResNet-50 or
   * ResNet-18, ImageNet's pre-training recipe or a multiple of the scale's 1x).
   */
  public enum Protocol {
    /** The paper's recipes: its backbones, ImageNet pre-training, its iteration counts. */
    PAPER,
    /** Recipes reduced to run on a CPU in minutes: small backbones, schedules in multiples of the scale's 1x. */
    REDUCED
  }

  /**
   * How wide the networks are at a scale.
   *
   * @param widthMultiplier backbone width multiplier (1 at paper scale)
   * @param groupNormGroups GN groups that divide every width at this scale
   */
  public record Network(double widthMultiplier, int groupNormGroups) {
    /** Full width, GN with 32 groups (the paper's). */
    public static final Network PAPER = new Network(1.0, GroupNorm.DEFAULT_GROUPS);

    public Network {
      require(widthMultiplier > 0 && Double.isFinite(widthMultiplier), "scale.network.widthMultiplier",
          "must be a finite number > 0, was " + widthMultiplier);
      require(groupNormGroups >= 1, "scale.network.groupNormGroups", "must be >= 1, was " + groupNormGroups);
    }

    public Network withWidthMultiplier(double m) {
      return new Network(m, groupNormGroups);
    }

    public Network withGroupNormGroups(int g) {
      return new Network(widthMultiplier, g);
    }
  }

  /**
   * The classification setting.
   *
   * @param input the input transform
   * @param pretrainingData the pre-training set (ImageNet at paper scale)
   * @param targetData a downstream set distinct from the pre-training one
   */
  public record Classification(ClassificationInput input, DatasetSpec pretrainingData, DatasetSpec targetData) {
    public Classification {
      require(input != null, "scale.classification.input", "is required (hint: new ClassificationInput(224, true,"
          + " true))");
      require(pretrainingData != null, "scale.classification.pretrainingData", "is required (hint:"
          + " ImageFolder.imagenet())");
      require(targetData != null, "scale.classification.targetData", "is required (hint: an ImageFolder)");
    }

    public Classification withInput(ClassificationInput i) {
      return new Classification(i, pretrainingData, targetData);
    }

    public Classification withPretrainingData(DatasetSpec d) {
      return new Classification(input, d, targetData);
    }

    public Classification withTargetData(DatasetSpec d) {
      return new Classification(input, pretrainingData, d);
    }
  }

  /**
   * The detection sets of a scale, one per experiment.
   *
   * @param instances the detection / instance-segmentation set (COCO train2017 / val2017 at paper scale)
   * @param keypoints the person-keypoints set of Keypoint R-CNN (COCO person keypoints 2017 at paper scale)
   * @param voc the PASCAL VOC-format set of the VOC experiment (VOC 2007 trainval + 2012 train, evaluated on 2012
   *     val, at paper scale)
   */
  public record DetectionSets(DatasetSpec instances, DatasetSpec keypoints, DatasetSpec voc) {
    public DetectionSets {
      require(instances != null, "scale.detection.sets.instances", "is required (hint: Coco.instances2017(root) or"
          + " SyntheticCoco.instances(...))");
      require(keypoints != null, "scale.detection.sets.keypoints",
          "is required (hint: Coco.personKeypoints2017(root) or SyntheticCoco.personKeypoints(...))");
      require(voc != null, "scale.detection.sets.voc", "is required (hint: Voc.paper(root) or new SyntheticVoc(...))");
    }

    public DetectionSets withInstances(DatasetSpec d) {
      return new DetectionSets(d, keypoints, voc);
    }

    public DetectionSets withKeypoints(DatasetSpec d) {
      return new DetectionSets(instances, d, voc);
    }

    public DetectionSets withVoc(DatasetSpec d) {
      return new DetectionSets(instances, keypoints, d);
    }
  }

  /**
   * A detector's sizes at a scale: the pyramid and heads' width, anchors, and how many proposals and RoIs it works
   * on. Starts from {@link #PAPER} (Detectron2's) and changes with the withers.
   *
   * @param fpnChannels width of the FPN levels; the heads' convs take the same width and the box head's fc four
   *     times it (Detectron's 256 and 1024)
   * @param anchorSizes RPN anchor sizes, one per FPN level P2…P6
   * @param trainProposals RPN proposals in training (pre-NMS per level, post-NMS per image)
   * @param testProposals RPN proposals at inference
   * @param roisPerImage RoIs sampled per image for the box head
   */
  public record RcnnSizes(int fpnChannels, List<Double> anchorSizes, ProposalLimits trainProposals,
      ProposalLimits testProposals, int roisPerImage) {
    /** Detectron2's: FPN 256 wide, anchors 32…512, 2000/1000 proposals in training, 1000/1000 at test, 512 RoIs. */
    public static final RcnnSizes PAPER = new RcnnSizes(FpnSpec.DEFAULT_OUT_CHANNELS, RpnSpec.FPN_ANCHOR_SIZES,
        RpnSpec.FPN_TRAIN, RpnSpec.FPN_TEST, StandardRoiHeads.ROIS_PER_IMAGE);

    public RcnnSizes {
      require(fpnChannels >= 1, "scale.detection.sizes.fpnChannels", "must be >= 1, was " + fpnChannels);
      require(anchorSizes != null && anchorSizes.size() == FpnSpec.RPN_LEVELS.size(),
          "scale.detection.sizes.anchorSizes", "needs one size per FPN level " + FpnSpec.RPN_LEVELS + ", was "
              + anchorSizes);
      anchorSizes = List.copyOf(anchorSizes);
      require(trainProposals != null && testProposals != null, "scale.detection.sizes",
          "train and test proposal limits are required (hint: RpnSpec.FPN_TRAIN, RpnSpec.FPN_TEST)");
      require(roisPerImage >= 1, "scale.detection.sizes.roisPerImage", "must be >= 1, was " + roisPerImage);
    }

    public RcnnSizes withFpnChannels(int c) {
      return new RcnnSizes(c, anchorSizes, trainProposals, testProposals, roisPerImage);
    }

    public RcnnSizes withAnchorSizes(List<Double> a) {
      return new RcnnSizes(fpnChannels, a, trainProposals, testProposals, roisPerImage);
    }

    public RcnnSizes withProposals(ProposalLimits train, ProposalLimits test) {
      return new RcnnSizes(fpnChannels, anchorSizes, train, test, roisPerImage);
    }

    public RcnnSizes withRoisPerImage(int n) {
      return new RcnnSizes(fpnChannels, anchorSizes, trainProposals, testProposals, n);
    }
  }

  /**
   * What a detector needs at a scale besides the backbone's width and the optimizer: what "1x" means for it (at
   * paper scale the same as {@link Scale#oneX()}; at quick scale a detector step costs far more than a
   * classifier's), its input, its data and its sizes.
   *
   * @param oneX a detection "1x": iterations, batch, LR and warm-up
   * @param input the input transform of every detection set
   * @param sets the detection sets
   * @param sizes pyramid width, anchors, proposals and RoIs
   */
  public record Detection(ScheduleUnit oneX, DetectionInput input, DetectionSets sets, RcnnSizes sizes) {
    public Detection {
      require(oneX != null, "scale.detection.oneX", "is required (hint: ScheduleUnit.PAPER)");
      require(input != null, "scale.detection.input", "is required (hint: DetectionInput.detectron())");
      require(sets != null, "scale.detection.sets", "is required");
      require(sizes != null, "scale.detection.sizes", "is required (hint: Scale.RcnnSizes.PAPER)");
    }

    public Detection withOneX(ScheduleUnit u) {
      return new Detection(u, input, sets, sizes);
    }

    public Detection withInput(DetectionInput i) {
      return new Detection(oneX, i, sets, sizes);
    }

    public Detection withSets(DetectionSets s) {
      return new Detection(oneX, input, s, sizes);
    }

    public Detection withSizes(RcnnSizes s) {
      return new Detection(oneX, input, sets, s);
    }

    /** The detection / instance-segmentation set. */
    public DatasetSpec data() {
      return sets.instances();
    }

    /** The person-keypoints set, read with the same {@link #input()}. */
    public DatasetSpec keypointData() {
      return sets.keypoints();
    }

    /** The PASCAL VOC-format set, read with the same {@link #input()}. */
    public DatasetSpec vocData() {
      return sets.voc();
    }

    public int fpnChannels() {
      return sizes.fpnChannels();
    }

    public List<Double> anchorSizes() {
      return sizes.anchorSizes();
    }

    public ProposalLimits trainProposals() {
      return sizes.trainProposals();
    }

    public ProposalLimits testProposals() {
      return sizes.testProposals();
    }

    public int roisPerImage() {
      return sizes.roisPerImage();
    }

    /** Iterations of a detection 1x. */
    public int iterations1x() {
      return oneX.iterations();
    }

    public int imagesPerBatch() {
      return oneX.imagesPerBatch();
    }

    public double baseLr() {
      return oneX.baseLr();
    }

    /** The box head's fc width: four times the conv width, as Detectron's 1024 for 256. */
    public int fcDim() {
      return 4 * sizes.fpnChannels();
    }

    /** The paper's "Nx" detection schedule at this scale; it keeps {@code n} and the detection 1x. */
    public ScheduleSpec nx(double n) {
      return oneX.nx(n);
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
   * horizontal flips, 1x = 90k iterations at batch 16 and LR 0.02; Detectron2's sizes ({@link RcnnSizes#PAPER}).
   * Keypoint R-CNN trains on COCO person keypoints train2017 and is evaluated on its val2017 (paper §5,
   * "Keypoints"); the VOC experiment trains on VOC 2007 trainval + 2012 train and is evaluated on 2012 val (paper
   * §5, "PASCAL VOC").
   */
  public static final Detection PAPER_DETECTION = new Detection(ScheduleUnit.PAPER, DetectionInput.detectron(),
      new DetectionSets(Coco.instances2017(PAPER_COCO_ROOT), Coco.personKeypoints2017(PAPER_COCO_ROOT),
          Voc.paper(PAPER_VOC_ROOT)),
      RcnnSizes.PAPER);

  /** Longer side of the quick profile's synthetic detection images (the shorter is 60–100% of it). */
  public static final int QUICK_DETECTION_IMAGE_SIZE = 128;

  /** Longer side of the quick profile's detection input: the paper's 800:1333 at {@link #QUICK_DETECTION_IMAGE_SIZE}. */
  public static final int QUICK_DETECTION_MAX_SIZE = 213;

  /** Training images of each quick synthetic detection set. */
  public static final int QUICK_DETECTION_TRAIN_IMAGES = 400;

  /** Evaluation images of each quick synthetic detection set. */
  public static final int QUICK_DETECTION_EVAL_IMAGES = 100;

  /** The quick classification 1x (see {@link #QUICK}). */
  public static final ScheduleUnit QUICK_ONE_X = ScheduleUnit.PAPER.withIterations(400).withBaseLr(0.01)
      .withWarmup(new WarmupSpec(50, WarmupSpec.DETECTRON_FACTOR));

  /**
   * The quick profile's detection setting: 400 training and 100 evaluation synthetic COCO images of 128 px,
   * whose objects are compositions of the synthetic classification primitives (so pre-training on the source task
   * can help, as ImageNet does for COCO); shorter side 128, longer at most 213 (the paper's 800:1333), flips;
   * FPN and heads 32 wide and anchors a quarter of Detectron2's (8…128), for objects 8–80 px wide as the paper's
   * anchors suit COCO's objects at 800 px; with 2–8 objects per image, a quarter of the proposals and an eighth of
   * the RoIs suffice. 1x = 500 iterations at batch 2 (1000 images, two and a half epochs), LR 0.02, the quick
   * warm-up: on 2 cores a detector step at batch 2 costs little more than at batch 1 and half as much as at batch
   * 4, and updates count more than images here (measured from scratch for 2x: 3.4 box AP at batch 4 with 1x = 200,
   * 6.8 at batch 2 with 1x = 400, 13.4 at batch 2 with 1x = 500 — the AP takes off only after ~600 updates at full
   * LR; LR 0.04 or 0.08 instead of 0.02 at batch 4 gained at most one point). Keypoint R-CNN's set has as many
   * images of the same size, of stick figures carrying COCO's 17 person keypoints, from its own seed; the VOC
   * experiment's set has as many images of the same objects, written in VOC format (VOC2007 trainval and VOC2012
   * train for training, VOC2012 val for evaluation, small or mostly hidden objects marked difficult), from its own
   * seed.
   */
  public static final Detection QUICK_DETECTION = PAPER_DETECTION
      .withOneX(ScheduleUnit.PAPER.withIterations(500).withImagesPerBatch(2).withWarmup(QUICK_ONE_X.warmup()))
      .withInput(DetectionInput.fixed(QUICK_DETECTION_IMAGE_SIZE, QUICK_DETECTION_MAX_SIZE))
      .withSets(new DetectionSets(
          SyntheticCoco.instances(QUICK_DETECTION_TRAIN_IMAGES, QUICK_DETECTION_EVAL_IMAGES,
              QUICK_DETECTION_IMAGE_SIZE, QUICK_DATA_SEED + 2),
          SyntheticCoco.personKeypoints(QUICK_DETECTION_TRAIN_IMAGES, QUICK_DETECTION_EVAL_IMAGES,
              QUICK_DETECTION_IMAGE_SIZE, QUICK_DATA_SEED + 3),
          new SyntheticVoc(QUICK_DETECTION_TRAIN_IMAGES, QUICK_DETECTION_EVAL_IMAGES, QUICK_DETECTION_IMAGE_SIZE,
              QUICK_DATA_SEED + 4)))
      .withSizes(RcnnSizes.PAPER.withFpnChannels(32).withAnchorSizes(List.of(8.0, 16.0, 32.0, 64.0, 128.0))
          .withProposals(new ProposalLimits(1000, 256), new ProposalLimits(1000, 256)).withRoisPerImage(64));

  /**
   * Classes of the paper profile's downstream classification set ({@code <data root>/classification-target}): the
   * paper has no such experiment, so any ImageNet-style folder with this many classes serves.
   */
  public static final int PAPER_TARGET_CLASSES = 100;

  /**
   * The paper's protocol (§4): 1x = 90k iterations at batch 16, LR 0.02, 500-iteration warm-up from 1/3
   * (Detectron), full width, GN with 32 groups, ImageNet at 224².
   */
  public static final Scale PAPER = new Scale(Protocol.PAPER, ScheduleUnit.PAPER, SgdSpec.paper(), Network.PAPER,
      new Classification(new ClassificationInput(ClassificationInput.IMAGENET_SIZE, true, true),
          ImageFolder.imagenet(), new ImageFolder("classification-target", PAPER_TARGET_CLASSES)),
      PAPER_DETECTION);

  /**
   * Minutes on a 2-core CPU: 1x = 400 iterations at batch 16 (four epochs of the quick source set), networks at
   * 1/4 width, 32² synthetic images generated on first use. The LR is half the paper's: on the quick source set a
   * GN ResNet-18 ×0.25 reached 48% top-1 after 400 iterations at 0.01 against 24% at 0.02 (both ≈75% at 800).
   */
  public static final Scale QUICK = PAPER.withProtocol(Protocol.REDUCED).withOneX(QUICK_ONE_X)
      .withNetwork(Network.PAPER.withWidthMultiplier(0.25).withGroupNormGroups(8))
      .withClassification(new Classification(new ClassificationInput(32, false, true),
          new SyntheticClassification(SyntheticClassification.Task.SOURCE, 10, 160, 40, 32, QUICK_DATA_SEED),
          new SyntheticClassification(SyntheticClassification.Task.TARGET, 10, 30, 40, 32, QUICK_DATA_SEED + 1)))
      .withDetection(QUICK_DETECTION);

  public Scale {
    require(protocol != null, "scale.protocol", "is required (hint: Protocol.REDUCED for a scale of one's own)");
    require(oneX != null, "scale.oneX", "is required (hint: ScheduleUnit.PAPER)");
    require(optimizer != null, "scale.optimizer", "is required (hint: SgdSpec.paper())");
    require(network != null, "scale.network", "is required (hint: Scale.Network.PAPER)");
    require(classification != null, "scale.classification", "is required");
    require(detection != null, "scale.detection", "is required (hint: Scale.PAPER_DETECTION)");
  }

  public Scale withProtocol(Protocol p) {
    return new Scale(p, oneX, optimizer, network, classification, detection);
  }

  /** Another classification 1x (the detection 1x is its own: {@link Detection#withOneX}). */
  public Scale withOneX(ScheduleUnit u) {
    return new Scale(protocol, u, optimizer, network, classification, detection);
  }

  public Scale withOptimizer(SgdSpec o) {
    return new Scale(protocol, oneX, o, network, classification, detection);
  }

  public Scale withNetwork(Network n) {
    return new Scale(protocol, oneX, optimizer, n, classification, detection);
  }

  public Scale withClassification(Classification c) {
    return new Scale(protocol, oneX, optimizer, network, c, detection);
  }

  public Scale withDetection(Detection d) {
    return new Scale(protocol, oneX, optimizer, network, classification, d);
  }

  /** Iterations of a classification 1x. */
  public int iterations1x() {
    return oneX.iterations();
  }

  public int imagesPerBatch() {
    return oneX.imagesPerBatch();
  }

  public double baseLr() {
    return oneX.baseLr();
  }

  public WarmupSpec warmup() {
    return oneX.warmup();
  }

  public double widthMultiplier() {
    return network.widthMultiplier();
  }

  public int groupNormGroups() {
    return network.groupNormGroups();
  }

  public ClassificationInput classificationInput() {
    return classification.input();
  }

  public DatasetSpec pretrainingData() {
    return classification.pretrainingData();
  }

  public DatasetSpec targetData() {
    return classification.targetData();
  }

  /** GroupNorm with this scale's {@link #groupNormGroups()}: the norm of the paper's GN models at this scale. */
  public GroupNorm groupNorm() {
    return new GroupNorm(groupNormGroups());
  }

  /** The paper's "Nx" classification schedule at this scale; it keeps {@code n} and the 1x. */
  public ScheduleSpec nx(double n) {
    return oneX.nx(n);
  }
}
