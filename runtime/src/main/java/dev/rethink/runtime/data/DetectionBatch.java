package dev.rethink.runtime.data;

/**
 * A batch of detection inputs, ready to feed. Images of different sizes are zero-padded (after normalization)
 * at the bottom and right to a common {@code height × width}, a multiple of the input's size divisibility.
 * Ground truth is padded to {@code maxInstances} per image (fixed for a dataset, {@link DetectionData#maxInstances()});
 * entries past {@code instanceCounts[i]} are zero, with class {@code -1}. Crowd regions are not included (Detectron2 drops them from training targets).
 *
 * <p>Masks are <em>box masks</em>: each instance's mask cropped to its ground-truth box and resampled to
 * {@code maskSize × maskSize} (soft values in [0, 1], the coverage of each cell). Full-image masks would take
 * hundreds of MB per batch at 800×1333; a box mask is enough to build Mask R-CNN's 28×28 targets in the graph:
 * a proposal {@code p} matched to ground truth {@code g} reads its target with {@code CropAndResize} on the box
 * mask at {@code ((p.y0 - g.y0) / g.h, (p.x0 - g.x0) / g.w, (p.y1 - g.y0) / g.h, (p.x1 - g.x0) / g.w)} with
 * extrapolation value 0, then thresholds at 0.5.
 *
 * @param size images in the batch
 * @param height padded height
 * @param width padded width
 * @param pixels NHWC float32 {@code [size, height, width, 3]}, normalized RGB
 * @param imageIds dataset image id of each image
 * @param imageHeights height of each resized image before padding
 * @param imageWidths width of each resized image before padding
 * @param scales resized / original size of each image (the same on both axes up to rounding)
 * @param flipped whether each image was mirrored
 * @param maxInstances ground-truth slots per image
 * @param instanceCounts ground-truth instances of each image
 * @param boxes {@code [size, maxInstances, 4]} as {@code x0, y0, x1, y1} in resized-image pixels
 * @param classes {@code [size, maxInstances]} contiguous 0-based labels, {@code -1} for padding
 * @param maskSize side of the box masks (0 without masks)
 * @param masks {@code [size, maxInstances, maskSize, maskSize]}, or an empty array without masks
 * @param numKeypoints keypoints per instance (0 without keypoints)
 * @param keypoints {@code [size, maxInstances, numKeypoints, 3]} as {@code x, y, visibility} in resized-image
 *     pixels, left and right already swapped in flipped images; unlabeled keypoints (v = 0) are at (0, 0)
 */
public record DetectionBatch(int size, int height, int width, float[] pixels, long[] imageIds, int[] imageHeights,
    int[] imageWidths, float[] scales, boolean[] flipped, int maxInstances, int[] instanceCounts, float[] boxes,
    int[] classes, int maskSize, float[] masks, int numKeypoints, float[] keypoints) {

  /**
   * The most ground-truth slots per image: a dataset's batches have as many as its fullest training image needs,
   * up to this (above the non-crowd instances of any COCO 2017 image); beyond it the smallest are dropped.
   */
  public static final int DEFAULT_MAX_INSTANCES = 100;

  /** Side of the box masks: twice Mask R-CNN's 28×28 targets, so cropping a target rarely upsamples. */
  public static final int BOX_MASK_SIZE = 56;

  public DetectionBatch {
    long hw = (long) height * width;
    check(pixels.length == size * hw * 3, "pixels", pixels.length);
    check(imageIds.length == size && imageHeights.length == size && imageWidths.length == size
        && scales.length == size && flipped.length == size && instanceCounts.length == size, "per-image arrays",
        imageIds.length);
    check(boxes.length == size * maxInstances * 4, "boxes", boxes.length);
    check(classes.length == size * maxInstances, "classes", classes.length);
    check(masks.length == (long) size * maxInstances * maskSize * maskSize, "masks", masks.length);
    check(keypoints.length == size * maxInstances * numKeypoints * 3, "keypoints", keypoints.length);
  }

  private static void check(boolean ok, String what, long length) {
    if (!ok) {
      throw new IllegalArgumentException("detection batch: " + what + " has the wrong length (" + length + ")");
    }
  }
}
