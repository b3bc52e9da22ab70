package dev.rethink.dsl.study;

import static dev.rethink.dsl.SpecException.require;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.optim.SgdSpec;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;

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
 */
public record Scale(String name, int iterations1x, int imagesPerBatch, double baseLr, WarmupSpec warmup,
    SgdSpec optimizer, double widthMultiplier, int groupNormGroups, ClassificationInput classificationInput,
    DatasetSpec pretrainingData, DatasetSpec targetData) {

  /**
   * Classes of the paper profile's downstream classification set ({@code <data root>/classification-target}): the
   * paper has no such experiment, so any ImageNet-style folder with this many classes serves.
   */
  public static final int PAPER_TARGET_CLASSES = 100;

  /** Seed of the quick profile's synthetic data (fixed so every machine generates the same files). */
  public static final long QUICK_DATA_SEED = 20190101L;

  /**
   * The paper's protocol (§4): 1x = 90k iterations at batch 16, LR 0.02, 500-iteration warm-up from 1/3
   * (Detectron), full width, GN with 32 groups, ImageNet at 224².
   */
  public static final Scale PAPER = new Scale("paper", ScheduleSpec.ITERATIONS_1X, ScheduleSpec.REFERENCE_BATCH,
      ScheduleSpec.PAPER_BASE_LR, new WarmupSpec(WarmupSpec.DETECTRON_ITERATIONS, WarmupSpec.DETECTRON_FACTOR),
      SgdSpec.paper(), 1.0, 32, new ClassificationInput(ClassificationInput.IMAGENET_SIZE, true, true),
      ImageFolder.imagenet(), new ImageFolder("classification-target", PAPER_TARGET_CLASSES));

  /**
   * Minutes on a 2-core CPU: 1x = 400 iterations at batch 16 (four epochs of the quick source set), networks at
   * 1/4 width, 32² synthetic images generated on first use. The LR is half the paper's: on the quick source set a
   * GN ResNet-18 ×0.25 reached 48% top-1 after 400 iterations at 0.01 against 24% at 0.02 (both ≈75% at 800).
   */
  public static final Scale QUICK = new Scale("quick", 400, 16, 0.01, new WarmupSpec(50, 1.0 / 3.0),
      SgdSpec.paper(), 0.25, 8, new ClassificationInput(32, false, true),
      new SyntheticClassification(SyntheticClassification.Task.SOURCE, 10, 160, 40, 32, QUICK_DATA_SEED),
      new SyntheticClassification(SyntheticClassification.Task.TARGET, 10, 30, 40, 32, QUICK_DATA_SEED + 1));

  public Scale {
    require(name != null && !name.isBlank(), "scale.name", "is required");
    require(iterations1x >= 1, "scale.iterations1x", "must be >= 1, was " + iterations1x);
    require(imagesPerBatch >= 1, "scale.imagesPerBatch", "must be >= 1, was " + imagesPerBatch);
    require(baseLr > 0, "scale.baseLr", "must be > 0, was " + baseLr);
    require(warmup != null && optimizer != null && classificationInput != null && pretrainingData != null
        && targetData != null, "scale", "every field is required");
    require(groupNormGroups >= 1, "scale.groupNormGroups", "must be >= 1, was " + groupNormGroups);
  }

  /** The paper's "Nx" schedule at this scale. */
  public ScheduleSpec nx(double n) {
    return ScheduleSpec.nx(n, this);
  }
}
