package dev.rethink.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BundledStudiesTest {

  @Test
  void theStudiesAreRegisteredAndRoundTripAtEveryProfile() {
    List<Study> studies = ServiceLoader.load(Study.class).stream().map(ServiceLoader.Provider::get).toList();
    assertEquals(List.of("PretrainVsScratchClassification", "NormalizationFromScratch", "MaskRcnnScratchVsPretrained",
        "KeypointRcnnScratchVsPretrained", "VocScratchVsPretrained"), studies.stream().map(Study::name).toList());
    for (Study study : studies) {
      for (Profile p : Profile.bundled()) {
        StudySpec spec = study.define(p);
        assertEquals(p.cliName(), spec.profile());
        assertEquals(spec, Json.read(Json.write(spec), StudySpec.class), study.name() + " at " + p);
      }
    }
  }

  @Test
  void pretrainVsScratchComparesFineTuningWithLongerScratchSchedules() {
    StudySpec quick = new PretrainVsScratchClassification().define(Profile.QUICK);
    assertEquals(List.of("pretrain", "pretrained-1x", "scratch-1x", "scratch-3x"),
        quick.executionOrder().stream().map(VariantSpec::name).toList());
    VariantSpec ft = quick.variant("pretrained-1x").orElseThrow();
    assertEquals(new FromVariant("pretrain"), ft.init().weights());
    assertEquals(0, ft.init().freezeAt(), "the paper fine-tunes every layer");
    assertEquals(3 * ft.schedule().iterations(), quick.variant("scratch-3x").orElseThrow().schedule().iterations());
    assertTrue(quick.variants().stream().allMatch(v -> v.model().backbone().norm() instanceof GroupNorm));

    StudySpec paper = new PretrainVsScratchClassification().define(Profile.PAPER);
    VariantSpec pre = paper.variant("pretrain").orElseThrow();
    assertEquals(new GroupNorm(32), pre.model().backbone().norm());
    assertEquals(180_000, pre.schedule().iterations());
  }
}
