package dev.rethink.runtime.inference;

/**
 * One batch of a detector's inference outputs, copied out of the session. Coordinates are pixels of the resized
 * input image (before padding). Each image has {@code slots} entries, of which the first {@code counts[i]} are
 * detections, sorted by descending score.
 *
 * @param images images in the batch (N)
 * @param slots detections per image, filled or not (D, the detector's {@code detectionsPerImage})
 * @param boxes {@code [N, D, 4]} as {@code x0, y0, x1, y1}
 * @param scores {@code [N, D]}
 * @param classes {@code [N, D]} contiguous 0-based class indices ({@code -1} in padding)
 * @param counts {@code [N]} detections of each image
 * @param maskSize side of the per-detection masks (0 without a mask head)
 * @param masks {@code [N, D, maskSize, maskSize]} foreground probabilities of each detection's class over its box,
 *     or an empty array
 * @param numKeypoints keypoints per detection (0 without a keypoint head)
 * @param keypoints {@code [N, D, numKeypoints, 3]} as {@code x, y, score}, or an empty array
 */
public record DetectorOutputs(int images, int slots, float[] boxes, float[] scores, int[] classes, int[] counts,
    int maskSize, float[] masks, int numKeypoints, float[] keypoints) {

  public DetectorOutputs {
    long d = (long) images * slots;
    check(boxes.length == d * 4, "boxes", boxes.length);
    check(scores.length == d, "scores", scores.length);
    check(classes.length == d, "classes", classes.length);
    check(counts.length == images, "counts", counts.length);
    check(masks.length == d * maskSize * maskSize, "masks", masks.length);
    check(keypoints.length == d * numKeypoints * 3, "keypoints", keypoints.length);
    for (int i = 0; i < images; i++) {
      check(counts[i] >= 0 && counts[i] <= slots, "counts[" + i + "] (" + counts[i] + " of " + slots + " slots)",
          counts[i]);
    }
  }

  private static void check(boolean ok, String what, long value) {
    if (!ok) {
      throw new IllegalArgumentException("detector outputs: " + what + " does not fit the batch (" + value + ")");
    }
  }
}
