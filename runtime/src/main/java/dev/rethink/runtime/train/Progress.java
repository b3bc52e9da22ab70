package dev.rethink.runtime.train;

import dev.rethink.runtime.report.TrainingRecord;
import dev.rethink.runtime.report.VariantLabels;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a variant's training progress: a bar redrawn on stderr in a terminal, else one log line per
 * {@code metrics.jsonl} training line.
 */
abstract class Progress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VariantTrainer.class);

  final String variant;
  final long iterations;

  private Progress(String variant, long iterations) {
    this.variant = variant;
    this.iterations = iterations;
  }

  /** A bar on {@code System.err} when {@code bar}, else log lines. */
  static Progress create(boolean bar, String variant, long iterations) {
    return bar ? new Bar(variant, iterations, System.err) : new Lines(variant, iterations);
  }

  /** After every step. */
  abstract void step(long step, StepResult result, double etaSeconds);

  /** After each training line is written. */
  abstract void logged(TrainingRecord record, double etaSeconds);

  /** Before another log line is printed, so that it does not run into the bar. */
  abstract void clear();

  @Override
  public abstract void close();

  /** The training line as text, e.g. {@code step 120/450 loss 1.234 (cls 1.10, weight_decay 0.134) ...}. */
  String describe(TrainingRecord r, double etaSeconds) {
    String terms = r.terms().entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4g", e.getValue()))
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "%s step %d/%d loss %.4g (%s) lr %.4g %.1f img/s data-wait %.0f%% eta %s",
        variant, r.step(), iterations, r.loss(), terms, r.learningRate(), r.imagesPerSecond(), 100 * r.dataWait(),
        VariantLabels.duration(etaSeconds));
  }

  /** Plain SLF4J lines, for logs and pipes. */
  private static final class Lines extends Progress {
    Lines(String variant, long iterations) {
      super(variant, iterations);
    }

    @Override
    void step(long step, StepResult result, double etaSeconds) {}

    @Override
    void logged(TrainingRecord record, double etaSeconds) {
      LOG.info(describe(record, etaSeconds));
    }

    @Override
    void clear() {}

    @Override
    public void close() {}
  }

  /** {@code [=====>    ] 120/450 loss 1.23 lr 0.05 eta 1m20s}, redrawn in place at most ten times a second. */
  private static final class Bar extends Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private long lastDraw;
    private boolean drawn;

    Bar(String variant, long iterations, PrintStream out) {
      super(variant, iterations);
      this.out = out;
    }

    @Override
    void step(long step, StepResult r, double etaSeconds) {
      long now = System.nanoTime();
      if (drawn && now - lastDraw < REDRAW_NANOS && step < iterations) {
        return;
      }
      lastDraw = now;
      int filled = (int) (WIDTH * step / Math.max(1, iterations));
      StringBuilder bar = new StringBuilder("[");
      for (int i = 0; i < WIDTH; i++) {
        bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
      }
      bar.append(']');
      out.print(String.format(Locale.ROOT, "\r\033[K%s %s %d/%d loss %.4g lr %.4g eta %s", variant, bar, step,
          iterations, r.loss(), r.learningRate(), VariantLabels.duration(etaSeconds)));
      out.flush();
      drawn = true;
    }

    @Override
    void logged(TrainingRecord record, double etaSeconds) {}

    @Override
    void clear() {
      if (drawn) {
        out.print("\r\033[K");
        out.flush();
        drawn = false;
      }
    }

    @Override
    public void close() {
      clear();
    }
  }
}
