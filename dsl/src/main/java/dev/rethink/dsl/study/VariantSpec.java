package dev.rethink.dsl.study;

import static dev.rethink.dsl.SpecException.require;


import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.eval.Accuracy;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.optim.SgdSpec;
import dev.rethink.dsl.schedule.ScheduleSpec;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One trained-and-evaluated model of a study: everything needed to reproduce it. Variants are made as "a base
 * plus a small change" with the {@code withX} methods.
 *
 * @param name unique within the study; used as a directory name
 * @param model architecture
 * @param init initial weights and frozen stages
 * @param data training and evaluation data
 * @param input image transform
 * @param schedule iterations, batch and LR
 * @param optimizer SGD settings
 * @param eval metrics and evaluation period
 * @param seed seed of every random choice of this variant (init, data order, augmentation)
 */
public record VariantSpec(String name, ModelSpec model, InitSpec init, DatasetSpec data, InputSpec input,
    ScheduleSpec schedule, SgdSpec optimizer, EvalSpec eval, long seed) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public VariantSpec {
    require(name != null && NAME.matcher(name).matches(), "name", "'" + name + "' must match " + NAME
        + " (it names the variant's run directory)");
    String at = "variants[" + name + "]";
    require(model != null, at + ".model", "is required");
    require(init != null, at + ".init", "is required (hint: InitSpec.scratch())");
    require(data != null, at + ".data", "is required");
    require(input != null, at + ".input", "is required");
    require(schedule != null, at + ".schedule", "is required (hint: scale.nx(1))");
    require(optimizer != null, at + ".optimizer", "is required (hint: SgdSpec.paper())");
    require(eval != null, at + ".eval", "is required");
    if (init.weights().scratch()) {
      for (Map.Entry<String, NormSpec> e : model.norms().entrySet()) {
        require(!(e.getValue() instanceof FrozenBatchNorm), at + ".model." + e.getKey(),
            "FrozenBatchNorm with init MsraFill: freezing BN is invalid when training from scratch (He et al."
                + " 2019, §3) — its statistics would stay random (hint: use GroupNorm or SyncBatchNorm)");
      }
    }
    int stages = model.backbone().stages().size();
    require(init.freezeAt() <= stages, at + ".init.freezeAt", "freezeAt=" + init.freezeAt() + " but the backbone"
        + " has " + stages + " stages " + model.backbone().stages().stream().map(BackboneSpec.Stage::name).toList());
    OptionalInt classifierClasses = model.accept(new ModelSpec.Visitor<>() {
      @Override
      public OptionalInt classifier(ClassifierSpec c) {
        return OptionalInt.of(c.numClasses());
      }

      @Override
      public OptionalInt rcnn(RcnnSpec r) {
        return OptionalInt.empty(); // a detector's classes are checked against the dataset on disk when lowered
      }
    });
    if (classifierClasses.isPresent() && data.knownClasses().isPresent()) {
      require(classifierClasses.getAsInt() == data.knownClasses().getAsInt(), at + ".model.numClasses", "is "
          + classifierClasses.getAsInt() + " but the dataset has " + data.knownClasses().getAsInt() + " classes");
    }
    // An evaluation period longer than the schedule is allowed: shortening a schedule with withSchedule(...)
    // must not invalidate a base variant's period; the final evaluation always runs.
  }

  /**
   * A classification variant at the given scale: the scale's pre-training data and input, a 1x schedule,
   * the paper's SGD, MSRA init, seed 0, and top-1/top-5 accuracy every quarter of a 1x schedule (so that reports
   * can draw accuracy-vs-iterations curves) and at the end.
   */
  public static VariantSpec classifier(String name, Scale scale, BackboneSpec backbone) {
    DatasetSpec data = scale.pretrainingData();
    int classes = data.knownClasses().orElseThrow();
    return new VariantSpec(name, new ClassifierSpec(backbone, classes), InitSpec.scratch(), data,
        scale.classificationInput(), scale.nx(1), scale.optimizer(),
        EvalSpec.atEnd(Accuracy.top1Top5()).withPeriod(Math.max(1, scale.iterations1x() / 4)), 0L);
  }

  /**
   * A detection variant at the given scale, the detector twin of {@link #classifier}: the scale's COCO-format
   * detection set (its person-keypoints set when the model has a keypoint head) and input, a detection 1x
   * schedule with the scale's warm-up, the paper's SGD, MSRA init, seed 0, and COCO AP of everything the model
   * predicts ({@link RcnnSpec#iouTypes()}) every detection 1x and at the end.
   */
  public static VariantSpec detector(String name, Scale scale, RcnnSpec model) {
    Scale.Detection d = scale.detection();
    DatasetSpec data = model.keypoint().isPresent() ? d.keypointData() : d.data();
    return new VariantSpec(name, model, InitSpec.scratch(), data, d.input(), d.nx(1, scale.warmup()),
        scale.optimizer(), new EvalSpec(List.of(new CocoAp(model.iouTypes())), d.iterations1x()), 0L);
  }

  public VariantSpec withName(String n) {
    return new VariantSpec(n, model, init, data, input, schedule, optimizer, eval, seed);
  }

  public VariantSpec withModel(ModelSpec m) {
    return new VariantSpec(name, m, init, data, input, schedule, optimizer, eval, seed);
  }

  /** The same model with the backbone's norm replaced. */
  public VariantSpec withNorm(NormSpec norm) {
    return withModel(model.withBackbone(model.backbone().withNorm(norm)));
  }

  public VariantSpec withBackbone(BackboneSpec b) {
    return withModel(model.withBackbone(b));
  }

  public VariantSpec withInit(InitSpec i) {
    return new VariantSpec(name, model, i, data, input, schedule, optimizer, eval, seed);
  }

  /**
   * Another dataset; a classifier's class count follows the dataset where the spec tells it.
   */
  public VariantSpec withData(DatasetSpec d) {
    ModelSpec m = d.knownClasses().isEmpty() ? model : model.accept(new ModelSpec.Visitor<ModelSpec>() {
      @Override
      public ModelSpec classifier(ClassifierSpec c) {
        return c.withNumClasses(d.knownClasses().getAsInt());
      }

      @Override
      public ModelSpec rcnn(RcnnSpec r) {
        return r; // a detector keeps its class count: the study states it with the dataset
      }
    });
    return new VariantSpec(name, m, init, d, input, schedule, optimizer, eval, seed);
  }

  public VariantSpec withInput(InputSpec i) {
    return new VariantSpec(name, model, init, data, i, schedule, optimizer, eval, seed);
  }

  public VariantSpec withSchedule(ScheduleSpec s) {
    return new VariantSpec(name, model, init, data, input, s, optimizer, eval, seed);
  }

  public VariantSpec withOptimizer(SgdSpec o) {
    return new VariantSpec(name, model, init, data, input, schedule, o, eval, seed);
  }

  public VariantSpec withEval(EvalSpec e) {
    return new VariantSpec(name, model, init, data, input, schedule, optimizer, e, seed);
  }

  public VariantSpec withSeed(long s) {
    return new VariantSpec(name, model, init, data, input, schedule, optimizer, eval, s);
  }

}
