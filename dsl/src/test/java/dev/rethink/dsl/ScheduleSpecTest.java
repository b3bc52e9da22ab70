package dev.rethink.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.study.Scale;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paper's "Nx" rule against the iteration counts printed in the paper and Detectron2's configs. */
class ScheduleSpecTest {

  @Test
  void paperSchedulesDropAtTheLast60kAnd20k() {
    // Paper §4 / studies/README.md: 2x drops at 120k, 160k, ends 180k; 3x 210k, 250k, 270k; 6x 480k, 520k, 540k.
    assertSchedule(Scale.PAPER.nx(1), 90_000, List.of(30_000, 70_000));
    assertSchedule(Scale.PAPER.nx(2), 180_000, List.of(120_000, 160_000));
    assertSchedule(Scale.PAPER.nx(3), 270_000, List.of(210_000, 250_000));
    assertSchedule(Scale.PAPER.nx(6), 540_000, List.of(480_000, 520_000));
    ScheduleSpec s = Scale.PAPER.nx(2);
    assertEquals(16, s.imagesPerBatch());
    assertEquals(0.02, s.baseLr());
    assertEquals(0.1, s.gamma());
    assertEquals(500, s.warmup().iterations());
    assertEquals(1.0 / 3.0, s.warmup().startFactor());
  }

  @Test
  void linearScalingReproducesDetectron2Scratch9x() {
    // Detectron2 MODEL_ZOO: 9x at batch 64, LR 0.08, 202.5k iterations, drops at 187.5k and 197.5k.
    ScheduleSpec s = Scale.PAPER.nx(9).withImagesPerBatch(64);
    assertEquals(64, s.imagesPerBatch());
    assertEquals(202_500, s.iterations());
    assertEquals(List.of(187_500, 197_500), s.milestones());
    assertEquals(0.08, s.baseLr(), 1e-15);
    assertEquals(125, s.warmup().iterations());
  }

  @Test
  void quickScheduleKeepsTheRuleInProportion() {
    // Quick 1x = 400 iterations: drops at the last 400·60/90 = 266.7 → 267 and 400·20/90 = 88.9 → 89 iterations.
    assertSchedule(Scale.QUICK.nx(1), 400, List.of(133, 311));
    assertSchedule(Scale.QUICK.nx(3), 1200, List.of(933, 1111));
  }

  @Test
  void imagesSeenIsBatchTimesIterations() {
    assertEquals(2_880_000L, Scale.PAPER.nx(2).imagesSeen());
  }

  private static void assertSchedule(ScheduleSpec s, int iterations, List<Integer> milestones) {
    assertEquals(iterations, s.iterations());
    assertEquals(milestones, s.milestones());
  }
}
