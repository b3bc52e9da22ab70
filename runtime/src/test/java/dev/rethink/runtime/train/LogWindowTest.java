package dev.rethink.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rethink.runtime.report.TrainingRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Training lines: window means, throughput and data-wait share, hand-computed. */
class LogWindowTest {
  private static final long SECOND = 1_000_000_000L;

  private static StepResult step(double cls, double wd, double lr) {
    Map<String, Double> terms = new LinkedHashMap<>();
    terms.put("cls", cls);
    terms.put("weight_decay", wd);
    return new StepResult(cls + wd, terms, lr);
  }

  @Test
  void lineAveragesTheWindowAndTimesIt() {
    // Loop starts at t = 10 s at step 0, 0.5 s of data wait already counted before.
    LogWindow w = new LogWindow(4, 10 * SECOND, 0, 0.5);
    w.add(step(2.0, 0.5, 0.01));
    w.add(step(1.0, 0.5, 0.02));
    w.add(step(3.0, 0.5, 0.03));
    // 3 steps of 4 images in 2 s, 0.5 s of which waiting for data.
    TrainingRecord r = w.line(3, 0.03, 12 * SECOND, 1.0);
    assertEquals(new TrainingRecord(3, 2.5, Map.of("cls", 2.0, "weight_decay", 0.5), 0.03, 6.0, 0.25, 2.0), r);

    // Next window: one step; an evaluation of 5 s restarts the clock at t = 17 s, step 3.
    w.restartClock(17 * SECOND, 3, 1.0);
    w.add(step(1.0, 0.25, 0.04));
    TrainingRecord next = w.line(4, 0.04, 18 * SECOND, 1.0);
    assertEquals(new TrainingRecord(4, 1.25, Map.of("cls", 1.0, "weight_decay", 0.25), 0.04, 4.0, 0.0, 8.0), next);
  }

  @Test
  void nonFiniteNamesTheFirstBadTerm() {
    assertNull(step(1, 1, 0.1).nonFinite());
    assertEquals("loss term 'cls' is NaN", step(Double.NaN, 1, 0.1).nonFinite());
    assertEquals("loss term 'weight_decay' is Infinity", step(1, Double.POSITIVE_INFINITY, 0.1).nonFinite());
    assertEquals("loss is NaN", new StepResult(Double.NaN, Map.of(), 0.1).nonFinite());
  }
}
