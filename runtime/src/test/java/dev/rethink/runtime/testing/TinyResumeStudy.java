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
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;

/**
 * A study long enough to be stopped in the middle, for the fault-tolerance tests: ResNet-18 at 1/8 width with GN
 * on 32² synthetic images, {@code pretrain} for 60 iterations on the source task (evaluated at 30), {@code finetune}
 * from it for 20 on the target task, and an independent {@code scratch} for 20 on the target task.
 */
public final class TinyResumeStudy implements Study {
  /** Iterations of the pre-training. */
  public static final int PRETRAIN_ITERATIONS = 60;
  /** Iterations of the fine-tuning and of the scratch variant. */
  public static final int TARGET_ITERATIONS = 20;
  /** Images per batch. */
  public static final int BATCH = 8;
  /** Base LR (after a 5-iteration warm-up, until ×0.1 at iteration 45 of the pre-training). */
  public static final double LR = 0.05;

  @Override
  public String name() {
    return "TinyResume";
  }

  @Override
  public String description() {
    return "Test study: pre-train, fine-tune and scratch, long enough to be killed and resumed.";
  }

  @Override
  public StudySpec define(Profile profile) {
    ResNetSpec backbone = ResNetSpec.of(18).withWidthMultiplier(0.125).withNorm(new GroupNorm(4));
    VariantSpec pretrain = VariantSpec.classifier("pretrain", profile.scale(), backbone)
        .withData(new SyntheticClassification(SyntheticClassification.Task.SOURCE, 4, 16, 8, 32, 7L))
        .withInput(new ClassificationInput(32, false, true))
        .withSchedule(new ScheduleSpec(BATCH, PRETRAIN_ITERATIONS, LR, new WarmupSpec(5, 1.0 / 3.0), List.of(45),
            0.1))
        .withEval(new EvalSpec(List.of(Accuracy.top1Top5()), 30))
        .withSeed(3L);
    VariantSpec finetune = pretrain.withName("finetune")
        .withData(new SyntheticClassification(SyntheticClassification.Task.TARGET, 4, 16, 8, 32, 8L))
        .withEval(EvalSpec.atEnd(Accuracy.top1Top5()))
        .withSchedule(new ScheduleSpec(BATCH, TARGET_ITERATIONS, LR, new WarmupSpec(5, 1.0 / 3.0), List.of(15),
            0.1))
        .withInit(InitSpec.from("pretrain"));
    VariantSpec scratch = finetune.withName("scratch").withInit(InitSpec.scratch());
    return StudySpec.of(this, profile, pretrain, finetune, scratch);
  }
}
