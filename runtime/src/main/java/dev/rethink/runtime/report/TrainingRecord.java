package dev.rethink.runtime.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training line of {@code metrics.jsonl}.
 *
 * @param step iterations completed
 * @param loss mean total loss over the iterations since the previous line
 * @param terms each loss term's mean over the same iterations, by name ({@code cls}, {@code weight_decay}...),
 *     written as {@code loss_<name>}
 * @param learningRate LR of the last step
 * @param imagesPerSecond training throughput since the previous line
 * @param dataWait share of the wall time since the previous line spent waiting for batches, in [0, 1]
 * @param seconds wall time since the variant's first step
 */
public record TrainingRecord(long step, double loss, Map<String, Double> terms, double learningRate,
    double imagesPerSecond, double dataWait, double seconds) {
  public TrainingRecord {
    terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
  }
}
