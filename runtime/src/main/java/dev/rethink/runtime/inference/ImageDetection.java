package dev.rethink.runtime.inference;

import dev.rethink.runtime.eval.coco.Box;
import dev.rethink.runtime.eval.coco.CocoDetection;
import dev.rethink.runtime.eval.coco.Keypoints;
import dev.rethink.runtime.eval.coco.Segmentation;
import dev.rethink.runtime.mask.Rle;
import java.util.List;

/**
 * One detection in its original image's pixel coordinates (Detectron2's {@code Instances} after
 * {@code detector_postprocess}).
 *
 * @param imageId the dataset's image id
 * @param classIndex contiguous 0-based class
 * @param score confidence
 * @param x0 box left, in continuous pixel coordinates (as {@code y0}, {@code x1}, {@code y1})
 * @param mask the pasted binary mask at image size, or null without a mask head
 * @param keypoints {@code x, y, score} per keypoint in continuous pixel coordinates, or null without a keypoint
 *     head
 */
public record ImageDetection(long imageId, int classIndex, double score, double x0, double y0, double x1,
    double y1, Rle mask, double[] keypoints) {

  /**
   * The COCO result (Detectron2's {@code instances_to_coco_json}): box as {@code [x, y, w, h]}, the dataset's
   * category id, the mask's RLE, keypoints moved back by half a pixel into COCO's pixel-index convention (the
   * inverse of how they were loaded). Its area is the box's; {@link dev.rethink.runtime.eval.coco.CocoEvaluator}
   * takes each IoU type's own.
   *
   * @param categoryIds the dataset's category id of each class index
   */
  public CocoDetection toCoco(List<Long> categoryIds) {
    Box box = new Box(x0, y0, x1 - x0, y1 - y0);
    Keypoints k = null;
    if (keypoints != null) {
      double[] values = new double[keypoints.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = i % 3 == 2 ? keypoints[i] : keypoints[i] - 0.5;
      }
      k = new Keypoints(values);
    }
    return new CocoDetection(imageId, Math.toIntExact(categoryIds.get(classIndex)), score, box,
        mask == null ? null : new Segmentation.Mask(mask), k, box.area());
  }
}
