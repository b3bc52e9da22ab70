/**
 * Synthetic datasets written in the real formats (ImageNet-style folders, COCO JSON, VOC XML), deterministic
 * from a seed and generated on first use into a cache directory, so that quick runs go through the same readers
 * as paper-scale runs. Images are drawn with Java2D from shared visual primitives (shapes and textures).
 */
package dev.rethink.runtime.data.synthetic;
