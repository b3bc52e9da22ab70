package dev.rethink.runtime.testing;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.eval.Accuracy;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;

/**
 * A two-variant study small enough for an end-to-end test whatever the profile: ResNet-18 at 1/8 width with GN,
 * pre-trained for 20 iterations on a 4-class synthetic source task, then fine-tuned from it on the target task.
 */
public final class TinyTransferStudy implements Study {
  /** Iterations of each variant. */
  public static final int ITERATIONS = 20;
  /** Images per batch. */
  public static final int BATCH = 8;

  @Override
  public String name() {
    return "TinyTransfer";
  }

  @Override
  public String description() {
    return "Test study: pre-train on a synthetic source task, fine-tune on a synthetic target task.";
  }

  @Override
  public StudySpec define(Profile profile) {
    ResNetSpec backbone = ResNetSpec.of(18).withWidthMultiplier(0.125).withNorm(new GroupNorm(4));
    ScheduleSpec schedule = new ScheduleSpec(BATCH, ITERATIONS, 0.05, new WarmupSpec(5, 1.0 / 3.0), List.of(15),
        0.1);
    VariantSpec pretrain = VariantSpec.classifier("pretrain", profile.scale(), backbone)
        .withData(new SyntheticClassification(SyntheticClassification.Task.SOURCE, 4, 16, 8, 32, 7L))
        .withInput(new ClassificationInput(32, false, true))
        .withSchedule(schedule)
        .withEval(new EvalSpec(List.of(Accuracy.top1Top5()), 10))
        .withSeed(3L);
    VariantSpec finetune = pretrain.withName("finetune")
        .withData(new SyntheticClassification(SyntheticClassification.Task.TARGET, 4, 16, 8, 32, 8L))
        .withInit(InitSpec.from("pretrain"))
        .withEval(EvalSpec.atEnd(Accuracy.top1Top5()));
    // Declared fine-tune first: the runner must still run the pre-training first.
    return StudySpec.of(this, profile, finetune, pretrain);
  }
}
