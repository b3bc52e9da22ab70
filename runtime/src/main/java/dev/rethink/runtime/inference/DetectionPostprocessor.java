package dev.rethink.runtime.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Detectron2's {@code detector_postprocess} on one image of a {@link DetectorOutputs} batch: the detector saw the
 * image resized to {@code resizedHeight × resizedWidth}; its boxes and keypoints are scaled per axis to the
 * original {@code height × width}, boxes clipped to the image, detections whose clipped box has no area dropped,
 * and masks pasted at the original size ({@link MaskPaster}).
 */
public final class DetectionPostprocessor {
  private final double maskThreshold;

  /** @param maskThreshold a pasted mask pixel is foreground where the probability is at least this (0.5) */
  public DetectionPostprocessor(double maskThreshold) {
    this.maskThreshold = maskThreshold;
  }

  /**
   * The detections of image {@code i} of the batch, in score order.
   *
   * @param imageId the dataset's id of that image
   * @param resizedHeight the image's height as fed (before padding)
   * @param height its original height
   */
  public List<ImageDetection> image(DetectorOutputs out, int i, long imageId, int resizedHeight, int resizedWidth,
      int height, int width) {
    double sx = (double) width / resizedWidth;
    double sy = (double) height / resizedHeight;
    int d = out.slots();
    int m = out.maskSize();
    int k = out.numKeypoints();
    List<ImageDetection> detections = new ArrayList<>(out.counts()[i]);
    for (int j = 0; j < out.counts()[i]; j++) {
      int slot = i * d + j;
      double x0 = clip(out.boxes()[4 * slot] * sx, width);
      double y0 = clip(out.boxes()[4 * slot + 1] * sy, height);
      double x1 = clip(out.boxes()[4 * slot + 2] * sx, width);
      double y1 = clip(out.boxes()[4 * slot + 3] * sy, height);
      if (!(x1 - x0 > 0 && y1 - y0 > 0)) {
        continue; // Detectron2: results[output_boxes.nonempty()]
      }
      int label = out.classes()[slot];
      if (label < 0) {
        throw new IllegalArgumentException("detector outputs: image " + imageId + " detection " + j
            + " has no class (" + label + ") within its count " + out.counts()[i]);
      }
      double[] keypoints = null;
      if (k > 0) {
        keypoints = new double[k * 3];
        for (int p = 0; p < k; p++) {
          int at = (slot * k + p) * 3;
          keypoints[3 * p] = out.keypoints()[at] * sx;
          keypoints[3 * p + 1] = out.keypoints()[at + 1] * sy;
          keypoints[3 * p + 2] = out.keypoints()[at + 2];
        }
      }
      detections.add(new ImageDetection(imageId, label, out.scores()[slot], x0, y0, x1, y1,
          m == 0 ? null : MaskPaster.paste(out.masks(), slot * m * m, m, x0, y0, x1, y1, height, width,
              maskThreshold),
          keypoints));
    }
    return detections;
  }

  private static double clip(double v, int max) {
    return Math.min(Math.max(v, 0), max);
  }
}
