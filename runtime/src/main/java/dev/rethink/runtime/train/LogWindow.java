package dev.rethink.runtime.train;

import dev.rethink.runtime.report.TrainingRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The iterations since the previous training line. A line reports their mean loss and terms (a single batch's
 * loss is too noisy to compare variants by), the last LR, and the throughput and data-wait share over the
 * training time only: evaluation restarts the clock.
 */
final class LogWindow {
  private final int batch;
  private final long loopStart;
  private long clockStart;
  private long clockStep;
  private double clockWait;
  private double lossSum;
  private final Map<String, Double> termSums = new LinkedHashMap<>();
  private int count;

  LogWindow(int batch, long loopStart, long step, double waitSeconds) {
    this.batch = batch;
    this.loopStart = loopStart;
    restartClock(loopStart, step, waitSeconds);
  }

  /** Adds one step's values. */
  void add(StepResult r) {
    lossSum += r.loss();
    r.terms().forEach((name, value) -> termSums.merge(name, value, Double::sum));
    count++;
  }

  /** Throughput is measured from here (after an evaluation, or after a line). */
  void restartClock(long now, long step, double waitSeconds) {
    clockStart = now;
    clockStep = step;
    clockWait = waitSeconds;
  }

  /** The line for the steps added since the previous one; starts the next window. */
  TrainingRecord line(long step, double learningRate, long now, double waitSeconds) {
    double seconds = Math.max(1e-9, (now - clockStart) / 1e9);
    Map<String, Double> terms = new LinkedHashMap<>();
    termSums.forEach((name, sum) -> terms.put(name, sum / count));
    TrainingRecord record = new TrainingRecord(step, lossSum / count, terms, learningRate,
        (step - clockStep) * batch / seconds, Math.min(1, Math.max(0, (waitSeconds - clockWait) / seconds)),
        (now - loopStart) / 1e9);
    lossSum = 0;
    termSums.clear();
    count = 0;
    restartClock(now, step, waitSeconds);
    return record;
  }
}
