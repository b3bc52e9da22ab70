package dev.rethink.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.init.MsraFill;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.FpnSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.RoiHeadsSpec;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.schedule.WarmupSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudyDefinition;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A rule broken by a part built inside a study's {@code define} — before the variant that takes it exists — names
 * the variant and the full path, as the command line prints it: {@code variants[hot].schedule.baseLr}.
 */
class SpecPathsTest {
  private static final Scale S = Scale.QUICK;
  /** ResNet-18 ×0.25: the stem has 16 channels, res2 16, res3 32, res4 64, res5 128. */
  private static final ResNetSpec R18 = ResNetSpec.of(18).withWidthMultiplier(S.widthMultiplier());

  private static VariantSpec base(String name) {
    return VariantSpec.classifier(name, S, R18.withNorm(new GroupNorm(8)));
  }

  /** A study whose {@code define} builds {@code variants} at the profile's scale. */
  private record Paths(Function<Scale, List<VariantSpec>> variants) implements Study {
    @Override
    public String description() {
      return "test";
    }

    @Override
    public StudySpec define(Profile profile) {
      return StudySpec.of(this, profile, variants.apply(profile.scale()).toArray(VariantSpec[]::new));
    }
  }

  /** The error of defining a study whose variants {@code variants} builds, as the command line defines it. */
  private static SpecException defining(Function<Scale, List<VariantSpec>> variants) {
    return assertThrows(SpecException.class, () -> StudyDefinition.define(new Paths(variants), Profile.QUICK));
  }

  private static void assertNames(SpecException e, String field, String... inMessage) {
    assertEquals(field, e.field());
    assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    for (String s : inMessage) {
      assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' should contain " + s);
    }
  }

  @Test
  void baseLr() {
    assertNames(defining(s -> List.of(base("a"), base("hot").withSchedule(s.nx(1).withBaseLr(-0.1)))),
        "variants[hot].schedule.baseLr", "must be a finite number > 0, was -0.1", "hint:");
  }

  @Test
  void iterations() {
    assertNames(defining(s -> List.of(base("short").withSchedule(s.nx(1).withIterations(0, List.of())))),
        "variants[short].schedule.iterations", "must be >= 1, was 0");
  }

  @Test
  void milestones() {
    assertNames(defining(s -> List.of(base("late").withSchedule(s.nx(1).withIterations(100, List.of(50, 200))))),
        "variants[late].schedule.milestones", "milestone 200 is at or past the last iteration (iterations=100)");
  }

  @Test
  void warmupIterations() {
    assertNames(defining(s -> List.of(base("warm").withSchedule(s.nx(1).withWarmup(new WarmupSpec(100_000, 0.3))))),
        "variants[warm].schedule.warmup.iterations", "warm-up of 100000 iterations", "(400)");
    // The warm-up's own rule, one level further down.
    assertNames(defining(s -> List.of(base("cold").withSchedule(s.nx(1).withWarmup(new WarmupSpec(-1, 0.3))))),
        "variants[cold].schedule.warmup.iterations", "must be >= 0, was -1");
  }

  @Test
  void backboneNorm() {
    // The backbone is built, and breaks the rule, before VariantSpec.classifier names the variant.
    assertNames(defining(s -> List.of(base("gn8"), VariantSpec.classifier("gn6", s, R18.withNorm(new GroupNorm(6))))),
        "variants[gn6].model.backbone.norm", "GroupNorm(groups=6) needs channels divisible by 6, stem has 16");
    assertNames(defining(s -> List.of(base("bn").withNorm(new GroupNorm(6)))), "variants[bn].model.backbone.norm",
        "stem has 16");
  }

  @Test
  void detectorPartsAndInit() {
    RcnnSpec gn = RcnnSpec.maskFpn(R18.withNorm(new GroupNorm(8)), 10);
    assertNames(defining(s -> List.of(base("det").withModel(gn.withFpn(new FpnSpec(48, new GroupNorm(32)))))),
        "variants[det].model.fpn.norm", "needs channels divisible by 32", "48");
    assertNames(defining(s -> List.of(base("det").withModel(gn.withRoiHeads(RoiHeadsSpec.of(
        ConvFc.fourConvOneFc(new GroupNorm(32)).withWidths(40, 1024)))))),
        "variants[det].model.roiHeads.boxHead.norm", "40");
    assertNames(defining(s -> List.of(base("det").withModel(gn.withMaskHead(
        MaskHeadSpec.detectron().withConvDim(72).withNorm(new GroupNorm(32)))))),
        "variants[det].model.maskHead.norm", "72");
    assertNames(defining(s -> List.of(base("frozen").withInit(new InitSpec(new MsraFill(), 2)))),
        "variants[frozen].init.freezeAt", "freezeAt=2 with MsraFill");
  }

  @Test
  void studyJsonNamesTheVariantToo() {
    StudySpec study = StudyDefinition.define(new Paths(s -> List.of(base("scratch"))), Profile.QUICK);
    String json = Json.write(study).replace("\"baseLr\" : 0.01", "\"baseLr\" : -0.01");
    assertNames(assertThrows(SpecException.class, () -> Json.read(json, StudySpec.class)),
        "variants[scratch].schedule.baseLr", "was -0.01");
  }

  @Test
  void aPartBuiltOnItsOwnStillChecksItselfAtOnce() {
    assertNames(assertThrows(SpecException.class, () -> S.nx(1).withBaseLr(-0.1)), "baseLr", "was -0.1");
    assertNames(assertThrows(SpecException.class, () -> R18.withNorm(new GroupNorm(6))), "norm", "stem has 16");
    // ... and a variant built outside a study definition still names the full path of its own rules.
    assertNames(assertThrows(SpecException.class, () -> base("v").withInit(InitSpec.from("x").withFreezeAt(9))),
        "variants[v].init.freezeAt", "freezeAt=9");
  }
}
