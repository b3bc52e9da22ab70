/**
 * Detection datasets in memory, whatever their file format: images with their instances (boxes, classes, crowd
 * and difficult flags, masks, keypoints), the detection input transform, and the batches fed to detectors.
 */
package dev.rethink.runtime.data.detection;
