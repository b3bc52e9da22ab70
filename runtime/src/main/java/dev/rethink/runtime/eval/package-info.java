/**
 * Evaluation: the {@link dev.rethink.runtime.eval.Evaluator} abstraction fed batch by batch, classification
 * accuracy ({@link dev.rethink.runtime.eval.TopKAccuracy}), and the evaluators a training run calls at its
 * evaluation steps ({@link dev.rethink.runtime.eval.ClassificationEvaluator}, {@link
 * dev.rethink.runtime.eval.DetectionEvaluator}) with their Guice modules, which live here beside the
 * package-private implementations they bind. COCO evaluation lives in {@code eval.coco}, PASCAL VOC in
 * {@code eval.voc}; {@code rethink eval} is a command of {@code cli}.
 */
package dev.rethink.runtime.eval;
