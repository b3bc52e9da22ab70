package dev.rethink.runtime.eval;

import java.util.List;
import java.util.Map;

/** TEMPORARY stub of the eval branch's contract (replaced when branch {@code eval} is merged). */
public final class TopKAccuracy {
  public TopKAccuracy(List<Integer> ks) {}

  /** Adds a batch: {@code logits} row-major {@code [labels.length, classes]}. */
  public void add(float[] logits, int classes, int[] labels) {
    throw new UnsupportedOperationException("contract: arrives with branch eval");
  }

  /** {@code top<k>} in percent. */
  public Map<String, Double> summarize() {
    throw new UnsupportedOperationException("contract: arrives with branch eval");
  }
}
