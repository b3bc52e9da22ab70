/**
 * Image transforms from decoded images to network inputs: the classification crops of the ImageNet protocol,
 * the detection resizing and flipping of Detectron, and pixel normalization.
 */
package dev.rethink.runtime.data.transform;
