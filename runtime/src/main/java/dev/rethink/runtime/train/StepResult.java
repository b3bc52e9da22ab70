package dev.rethink.runtime.train;

import java.util.Map;

/**
 * The values fetched with one SGD step.
 *
 * @param loss total loss
 * @param terms each loss term by name, in the graph's order
 * @param learningRate the step's LR
 */
record StepResult(double loss, Map<String, Double> terms, double learningRate) {

  /**
   * Why the step is not finite: the first non-finite term, else the total, e.g. {@code loss term 'cls' is NaN};
   * null when every value is finite.
   */
  String nonFinite() {
    for (Map.Entry<String, Double> t : terms.entrySet()) {
      if (!Double.isFinite(t.getValue())) {
        return "loss term '" + t.getKey() + "' is " + t.getValue();
      }
    }
    return Double.isFinite(loss) ? null : "loss is " + loss;
  }
}
