package dev.rethink.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.init.MsraFill;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per trap of the paper's protocol: each is a definition error whose message names the field. */
class SpecTrapsTest {
  private static final Scale S = Scale.QUICK;
  private static final Study STUDY = new Study() {
    @Override
    public String name() {
      return "Traps";
    }

    @Override
    public String description() {
      return "test";
    }

    @Override
    public StudySpec define(Profile profile) {
      throw new UnsupportedOperationException();
    }
  };

  private static VariantSpec base(String name) {
    return VariantSpec.classifier(name, S, ResNetSpec.of(18).withWidthMultiplier(0.25).withNorm(new GroupNorm(8)));
  }

  @Test
  void frozenBatchNormFromScratchIsRejected() {
    SpecException e = assertThrows(SpecException.class, () -> base("scratch").withNorm(new FrozenBatchNorm()));
    assertEquals("variants[scratch].model.backbone.norm", e.field());
    assertTrue(e.getMessage().contains("freezing BN is invalid when training from scratch"), e.getMessage());
  }

  @Test
  void frozenStagesFromScratchAreRejected() {
    SpecException e = assertThrows(SpecException.class, () -> new InitSpec(new MsraFill(), 2));
    assertEquals("freezeAt", e.field());
    assertTrue(e.getMessage().contains("freezeAt=2 with MsraFill"), e.getMessage());
  }

  @Test
  void frozenBatchNormIsAllowedWhenFineTuning() {
    VariantSpec v = base("ft").withInit(new InitSpec(new FromVariant("pretrain"), 2));
    VariantSpec withFrozen = v.withNorm(new FrozenBatchNorm());
    assertEquals(new FrozenBatchNorm(), withFrozen.model().backbone().norm());
  }

  @Test
  void milestoneAtOrPastTheLastIterationIsRejected() {
    SpecException at = assertThrows(SpecException.class,
        () -> new ScheduleSpec(16, 1000, 0.02, WarmupSpec.none(), List.of(500, 1000), 0.1));
    assertEquals("milestones", at.field());
    assertTrue(at.getMessage().contains("milestone 1000 is at or past the last iteration (iterations=1000)"),
        at.getMessage());
    SpecException past = assertThrows(SpecException.class,
        () -> new ScheduleSpec(16, 1000, 0.02, WarmupSpec.none(), List.of(1200), 0.1));
    assertEquals("milestones", past.field());
  }

  @Test
  void groupNormGroupsMustDivideEveryLayer() {
    // ResNet-50 at width 0.75: the stem has round(64 * 0.75) = 48 channels, not divisible by 32.
    SpecException e = assertThrows(SpecException.class,
        () -> ResNetSpec.of(50).withWidthMultiplier(0.75).withNorm(new GroupNorm(32)));
    assertEquals("norm", e.field());
    assertEquals("norm: GroupNorm(groups=32) needs channels divisible by 32, stem has 48 (hint: choose groups dividing every layer's width, or change the width)", e.getMessage());
    // ResNeXt-50 32x1d with GN(64): the stem's 64 channels pass, res2's grouped width 32·1 = 32 does not.
    SpecException stage = assertThrows(SpecException.class,
        () -> new ResNetSpec(50, new GroupNorm(64), false, 32, 1, 1.0));
    assertTrue(stage.getMessage().contains("needs channels divisible by 64, stage res2 (bottleneck width) has 32"),
        stage.getMessage());
    SpecException vgg = assertThrows(SpecException.class,
        () -> VggSpec.of(16).withWidthMultiplier(0.25).withNorm(new GroupNorm(32)));
    assertTrue(vgg.getMessage().contains("stage conv1 has 16"), vgg.getMessage());
  }

  @Test
  void pretrainedFromAMissingVariantIsRejected() {
    VariantSpec ft = base("finetune").withInit(InitSpec.from("pretrian"));
    SpecException e = assertThrows(SpecException.class, () -> StudySpec.of(STUDY, Profile.QUICK, base("pretrain"), ft));
    assertEquals("variants[finetune].init.weights.variant", e.field());
    assertTrue(e.getMessage().contains("no variant 'pretrian'"), e.getMessage());
    assertTrue(e.getMessage().contains("[pretrain, finetune]"), e.getMessage());
  }

  @Test
  void pretrainedCyclesAreRejected() {
    VariantSpec a = base("a").withInit(InitSpec.from("b"));
    VariantSpec b = base("b").withInit(InitSpec.from("a"));
    SpecException e = assertThrows(SpecException.class, () -> StudySpec.of(STUDY, Profile.QUICK, a, b));
    assertTrue(e.field().endsWith(".init.weights.variant"), e.field());
    assertTrue(e.getMessage().contains("cycle: a -> b -> a"), e.getMessage());
    SpecException self = assertThrows(SpecException.class,
        () -> StudySpec.of(STUDY, Profile.QUICK, base("c").withInit(InitSpec.from("c"))));
    assertTrue(self.getMessage().contains("cycle: c -> c"), self.getMessage());
  }

  @Test
  void pretrainedBackboneMustMatchTheSource() {
    VariantSpec pre = base("pretrain");
    VariantSpec ft = base("ft").withBackbone(ResNetSpec.of(34).withWidthMultiplier(0.25).withNorm(new GroupNorm(8)))
        .withInit(InitSpec.from("pretrain"));
    SpecException e = assertThrows(SpecException.class, () -> StudySpec.of(STUDY, Profile.QUICK, pre, ft));
    assertEquals("variants[ft].init.weights.variant", e.field());
  }

  @Test
  void variantsRunAfterTheirWeightSource() {
    VariantSpec ft = base("ft").withInit(InitSpec.from("pretrain"));
    StudySpec study = StudySpec.of(STUDY, Profile.QUICK, base("scratch"), ft, base("pretrain"));
    assertEquals(List.of("scratch", "pretrain", "ft"),
        study.executionOrder().stream().map(VariantSpec::name).toList());
    assertEquals(List.of("ft", "pretrain"),
        study.select(List.of("ft")).variants().stream().map(VariantSpec::name).toList());
  }

  @Test
  void duplicateVariantNamesAreRejected() {
    SpecException e = assertThrows(SpecException.class, () -> StudySpec.of(STUDY, Profile.QUICK, base("a"), base("a")));
    assertEquals("variants[a].name", e.field());
  }

  @Test
  void classCountMustMatchTheDataset() {
    VariantSpec v = base("v");
    SpecException e = assertThrows(SpecException.class,
        () -> v.withModel(new dev.rethink.dsl.model.ClassifierSpec(v.model().backbone(), 7)));
    assertEquals("variants[v].model.numClasses", e.field());
  }
}
