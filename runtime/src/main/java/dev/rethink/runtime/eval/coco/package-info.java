/**
 * COCO evaluation with pycocotools' exact semantics: the data model ({@link dev.rethink.runtime.eval.coco.CocoGroundTruth},
 * {@link dev.rethink.runtime.eval.coco.CocoDetection}), the evaluation itself
 * ({@link dev.rethink.runtime.eval.coco.CocoEval} → {@link dev.rethink.runtime.eval.coco.CocoEvalResult}) for box,
 * mask and keypoint results, and the annotation / results file formats ({@link dev.rethink.runtime.eval.coco.CocoJson}).
 */
package dev.rethink.runtime.eval.coco;
