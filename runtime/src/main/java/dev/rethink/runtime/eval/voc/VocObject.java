package dev.rethink.runtime.eval.voc;

/** A ground-truth object of a VOC image: class index (into the evaluator's class names), box, difficult flag. */
public record VocObject(String imageId, int classIndex, VocBox box, boolean difficult) {}
