package dev.rethink.runtime.eval.voc;

/** A detection on a VOC image: class index (into the evaluator's class names), confidence, box. */
public record VocDetection(String imageId, int classIndex, double score, VocBox box) {
  public VocDetection {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("detection score must be finite, was " + score);
    }
  }
}
