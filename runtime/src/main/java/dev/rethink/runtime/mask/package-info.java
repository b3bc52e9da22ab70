/**
 * Binary masks as run-length encodings, with the semantics of pycocotools' mask API ({@code maskApi.c}): the
 * {@link dev.rethink.runtime.mask.Rle} record (column-major runs, starting with a run of zeros), the compressed
 * string form of COCO JSON files ({@link dev.rethink.runtime.mask.CompressedRle}), polygon and box rasterization
 * ({@link dev.rethink.runtime.mask.Polygons}) and IoU with the crowd rule ({@link dev.rethink.runtime.mask.MaskIou}).
 *
 * <p>Each operation reproduces the reference's integer and floating-point steps, so that areas, boxes and IoUs are
 * the ones pycocotools computes on the same input; where the reference's behaviour on malformed input is undefined
 * (reading past a string's end, counts that do not cover the image) these classes throw instead.
 */
package dev.rethink.runtime.mask;
