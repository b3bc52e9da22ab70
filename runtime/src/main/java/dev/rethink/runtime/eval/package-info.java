/**
 * Evaluation: the {@link dev.rethink.runtime.eval.Evaluator} abstraction the trainer feeds batch by batch,
 * classification accuracy ({@link dev.rethink.runtime.eval.TopKAccuracy}), and the {@code rethink eval} command
 * ({@link dev.rethink.runtime.eval.EvalCommand}). COCO evaluation lives in {@code eval.coco}, PASCAL VOC in
 * {@code eval.voc}; the timing benchmark in {@code eval.bench}.
 */
package dev.rethink.runtime.eval;
