/**
 * PASCAL VOC detection mAP with the semantics of the reference {@code voc_eval.py} (py-faster-rcnn, Detectron):
 * IoU &gt; 0.5 with the devkit's inclusive pixel boxes, objects marked difficult ignored, the VOC2010+ area metric
 * or the VOC2007 11-point metric.
 */
package dev.rethink.runtime.eval.voc;
