package dev.rethink.runtime.eval.coco;

/** A COCO category: the dataset's own id (not necessarily contiguous, e.g. 1..90 for COCO's 80) and name. */
public record CocoCategory(int id, String name) {}
