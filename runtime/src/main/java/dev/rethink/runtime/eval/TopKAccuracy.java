package dev.rethink.runtime.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Top-k classification accuracy in percent (ImageNet's top-1 / top-5) over rows of logits.
 *
 * <p><b>Ties:</b> a row counts as a top-k hit when strictly fewer than k classes score strictly higher than the
 * true class. A true class tied with others at the boundary therefore counts as a hit (the most favourable
 * reading, and independent of class order — unlike a sort-based top-k, whose answer depends on how ties are
 * broken). A NaN score of the true class is a miss; NaN scores of other classes never count as higher.
 */
public final class TopKAccuracy implements Evaluator<TopKAccuracy.Batch> {

  /**
   * One batch: {@code logits} row-major {@code [rows][classes]}, and each row's true class index.
   */
  public record Batch(float[] logits, int classes, int[] labels) {
    public Batch {
      if (classes < 1 || logits.length != (long) classes * labels.length) {
        throw new IllegalArgumentException("logits has " + logits.length + " values, expected " + labels.length
            + " rows x " + classes + " classes");
      }
    }
  }

  private final List<Integer> ks;
  private final long[] hits;
  private long rows;

  /** Accuracy at each k, e.g. {@code List.of(1, 5)}. */
  public TopKAccuracy(List<Integer> ks) {
    if (ks.isEmpty()) {
      throw new IllegalArgumentException("needs at least one k");
    }
    for (int k : ks) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, was " + k);
      }
    }
    this.ks = List.copyOf(ks);
    this.hits = new long[ks.size()];
  }

  @Override
  public void add(Batch batch) {
    add(batch.logits(), batch.classes(), batch.labels());
  }

  /** Adds rows of logits ({@code [rows][classes]} row-major) with their true classes. */
  public void add(float[] logits, int classes, int[] labels) {
    new Batch(logits, classes, labels);
    for (int row = 0; row < labels.length; row++) {
      int label = labels[row];
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException("labels[" + row + "] = " + label + " is not a class in [0, " + classes
            + ")");
      }
      int base = row * classes;
      float truth = logits[base + label];
      if (Float.isNaN(truth)) {
        rows++;
        continue;
      }
      int higher = 0;
      for (int c = 0; c < classes; c++) {
        if (logits[base + c] > truth) {
          higher++;
        }
      }
      for (int i = 0; i < ks.size(); i++) {
        if (higher < ks.get(i)) {
          hits[i]++;
        }
      }
      rows++;
    }
  }

  /** {@code top<k>} for each k, in percent; NaN before any row was added. */
  @Override
  public Map<String, Double> summarize() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < ks.size(); i++) {
      out.put("top" + ks.get(i), rows == 0 ? Double.NaN : 100.0 * hits[i] / rows);
    }
    return out;
  }

  /** Rows added so far. */
  public long count() {
    return rows;
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(hits, 0);
    rows = 0;
  }
}
