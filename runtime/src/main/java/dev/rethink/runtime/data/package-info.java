/** Datasets on disk (COCO, VOC, ImageNet folders), synthetic datasets in those formats, augmentation, and the input pipeline. */
package dev.rethink.runtime.data;
