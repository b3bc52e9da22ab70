package dev.rethink.dsl.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.dsl.Json;
import dev.rethink.dsl.SpecException;
import dev.rethink.dsl.model.detection.ProposalLimits;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.schedule.WarmupSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Scales from named parts and withers; profiles open; schedules keep their "Nx". */
class ScaleTest {
  @Test
  void theBundledScalesKeepTheirNumbers() {
    // The numbers the 12-argument records held: quick 1x = 400 at batch 16, LR 0.01, warm-up 50 from 1/3; ×0.25,
    // GN(8); detection 1x = 500 at batch 2, LR 0.02; FPN 32; anchors 8…128; proposals 1000/256; 64 RoIs.
    Scale q = Scale.QUICK;
    assertEquals(Scale.Protocol.REDUCED, q.protocol());
    assertEquals(List.of(400, 16), List.of(q.iterations1x(), q.imagesPerBatch()));
    assertEquals(0.01, q.baseLr());
    assertEquals(new WarmupSpec(50, 1.0 / 3.0), q.warmup());
    assertEquals(List.of(0.25, 8.0), List.of(q.widthMultiplier(), (double) q.groupNormGroups()));
    Scale.Detection d = q.detection();
    assertEquals(List.of(500, 2, 32, 64), List.of(d.iterations1x(), d.imagesPerBatch(), d.fpnChannels(),
        d.roisPerImage()));
    assertEquals(0.02, d.baseLr());
    assertEquals(q.warmup(), d.oneX().warmup());
    assertEquals(List.of(8.0, 16.0, 32.0, 64.0, 128.0), d.anchorSizes());
    assertEquals(new ProposalLimits(1000, 256), d.trainProposals());
    assertEquals(new ProposalLimits(1000, 256), d.testProposals());
    Scale p = Scale.PAPER;
    assertEquals(Scale.Protocol.PAPER, p.protocol());
    assertEquals(List.of(90_000, 16, 32), List.of(p.iterations1x(), p.imagesPerBatch(), p.groupNormGroups()));
    assertEquals(p.oneX(), p.detection().oneX());
  }

  @Test
  void aScaleOfOnesOwnKeepsItsMultipleAndItsOneX() throws Exception {
    Scale own = Scale.QUICK.withOneX(Scale.QUICK.oneX().withIterations(300));
    ScheduleSpec twoX = own.nx(2);
    assertEquals(600, twoX.iterations());
    assertEquals(new ScheduleSpec.Multiple(2, 300), twoX.multiple());
    assertEquals(twoX, Json.read(Json.write(twoX), ScheduleSpec.class));
    // Rescaled to batch 8 by the linear scaling rule: still 2x, of a 1x of 600 iterations at batch 8.
    assertEquals(new ScheduleSpec.Multiple(2, 600), twoX.withImagesPerBatch(8).multiple());
  }

  @Test
  void scheduleJsonWrittenBeforeTheMultipleStillReads() throws Exception {
    String old = "{\"imagesPerBatch\":16,\"iterations\":400,\"baseLr\":0.01,"
        + "\"warmup\":{\"iterations\":50,\"startFactor\":0.3333333333333333},\"milestones\":[133,311],\"gamma\":0.1}";
    ScheduleSpec s = Json.read(old, ScheduleSpec.class);
    assertNull(s.multiple());
    assertEquals(Scale.QUICK.nx(1).withoutMultiple(), s);
  }

  @Test
  void profilesAreOpen() {
    Profile mini = Profile.named("mini-coco", Scale.QUICK.withDetection(Scale.QUICK.detection()
        .withSets(Scale.QUICK.detection().sets().withInstances(Scale.PAPER_DETECTION.data()))));
    assertEquals(mini, Profile.parse("mini-coco", List.of(Profile.QUICK, Profile.PAPER, mini)));
    assertEquals(Profile.QUICK, Profile.parse("QUICK"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.parse("mini-coco"));
    assertTrue(e.getMessage().contains("known: quick, paper"), e.getMessage());
    SpecException bad = assertThrows(SpecException.class, () -> Profile.named("Mini COCO", Scale.QUICK));
    assertEquals("profile.name", bad.field());
  }

  @Test
  void scalePartsNameTheFieldAtFault() {
    SpecException e = assertThrows(SpecException.class,
        () -> Scale.RcnnSizes.PAPER.withAnchorSizes(List.of(8.0, 16.0)));
    assertEquals("scale.detection.sizes.anchorSizes", e.field());
    e = assertThrows(SpecException.class, () -> Scale.Network.PAPER.withGroupNormGroups(0));
    assertEquals("scale.network.groupNormGroups", e.field());
  }

  @Test
  void theScheduleTypesDoNotImportTheStudyTypes() throws IOException {
    // The DSL's one import cycle was ScheduleSpec.nx(double, Scale): schedules now know only their own 1x.
    Path schedule = Path.of("src/main/java/dev/rethink/dsl/schedule");
    try (Stream<Path> files = Files.list(schedule)) {
      for (Path f : files.toList()) {
        assertFalse(Files.readString(f).contains("dev.rethink.dsl.study"), f + " imports dev.rethink.dsl.study");
      }
    }
  }
}
