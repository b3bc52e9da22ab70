package dev.rethink.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.init.FromCheckpoint;
import dev.rethink.dsl.init.InitSpec;
import dev.rethink.dsl.norm.BatchNorm;
import dev.rethink.dsl.norm.FrozenBatchNorm;
import dev.rethink.dsl.norm.GroupNorm;
import dev.rethink.dsl.norm.NoNorm;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.norm.SyncBatchNorm;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRoundTripTest {
  private static final Study STUDY = new Study() {
    @Override
    public String name() {
      return "RoundTrip";
    }

    @Override
    public String description() {
      return "every kind of spec";
    }

    @Override
    public StudySpec define(Profile profile) {
      VariantSpec gn = VariantSpec.classifier("gn", profile.scale(),
          ResNetSpec.of(50).withWidthMultiplier(0.25).withNorm(new GroupNorm(16)));
      return StudySpec.of(this, profile,
          gn,
          gn.withName("bn").withNorm(new BatchNorm()),
          gn.withName("sync").withNorm(new SyncBatchNorm(0.99, 1e-3)),
          gn.withName("frozen").withInit(new InitSpec(new FromCheckpoint("/ckpt/imagenet"), 2))
              .withNorm(new FrozenBatchNorm()),
          gn.withName("ft").withInit(InitSpec.from("gn")).withData(profile.scale().targetData()),
          gn.withName("resnext").withBackbone(ResNetSpec.resNeXt(50, 32, 4).withWidthMultiplier(0.5)
              .withStrideIn1x1(true).withNorm(new GroupNorm(8))),
          gn.withName("vgg").withBackbone(VggSpec.of(16).withWidthMultiplier(0.25)).withSeed(42));
    }
  };

  @Test
  void everySpecKindRoundTripsUnchanged() {
    for (Profile p : Profile.bundled()) {
      StudySpec spec = STUDY.define(p);
      String json = Json.write(spec);
      StudySpec back = Json.read(json, StudySpec.class);
      assertEquals(spec, back);
      assertEquals(json, Json.write(back));
    }
  }

  @Test
  void polymorphicSpecsCarryTypeAndTheStudyItsSchemaVersion() throws Exception {
    JsonNode tree = Json.mapper().readTree(Json.write(STUDY.define(Profile.QUICK)));
    assertEquals(StudySpec.SCHEMA_VERSION, tree.get("schemaVersion").asInt());
    JsonNode backbone = tree.get("variants").get(0).get("model").get("backbone");
    assertEquals("Classifier", tree.get("variants").get(0).get("model").get("type").asText());
    assertEquals("ResNet", backbone.get("type").asText());
    assertEquals("GroupNorm", backbone.get("norm").get("type").asText());
    assertEquals(16, backbone.get("norm").get("groups").asInt());
  }

  @Test
  void normsRoundTripOneByOne() {
    for (NormSpec n : List.of(new NoNorm(), new BatchNorm(), new FrozenBatchNorm(), new SyncBatchNorm(),
        new GroupNorm(32))) {
      assertEquals(n, Json.read(Json.write(n), NormSpec.class));
    }
  }

  @Test
  void unknownFieldsAndWrongVersionsAreErrors() {
    String json = Json.write(STUDY.define(Profile.QUICK));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Json.read(json.replaceFirst("\"description\"", "\"descripton\" : \"typo\",\n  \"description\""),
            StudySpec.class));
    assertTrue(unknown.getMessage().contains("descripton"), unknown.getMessage());
    SpecException version = assertThrows(SpecException.class,
        () -> Json.read(json.replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 99"), StudySpec.class));
    assertEquals("schemaVersion", version.field());
  }

  @Test
  void invalidValuesInJsonSurfaceAsSpecErrors() {
    String json = Json.write(new GroupNorm(32)).replace("32", "0");
    SpecException e = assertThrows(SpecException.class, () -> Json.read(json, NormSpec.class));
    assertEquals("groups", e.field());
  }

  @Test
  void truncatedJsonIsAClearError() {
    String json = Json.write(STUDY.define(Profile.QUICK));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Json.read(json.substring(0, json.length() / 2), StudySpec.class));
    assertTrue(e.getMessage().startsWith("malformed StudySpec JSON"), e.getMessage());
  }

  @Test
  void paperScaleUsesThePaperNumbers() {
    Scale p = Scale.PAPER;
    assertEquals(90_000, p.iterations1x());
    assertEquals(16, p.imagesPerBatch());
    assertEquals(0.02, p.baseLr());
    assertEquals(0.9, p.optimizer().momentum());
    assertEquals(1e-4, p.optimizer().weightDecay());
  }
}
