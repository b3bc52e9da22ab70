package dev.rethink.runtime.data.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drops the training images the reference code drops, and counts them: images without any non-crowd instance
 * (Detectron2 {@code filter_images_with_only_crowd_annotations}, Detectron's "no usable annotations"), and, for
 * keypoint sets, images without any labeled keypoint (Detectron2 {@code filter_images_with_few_keypoints} with
 * {@code MIN_KEYPOINTS_PER_IMAGE = 1}).
 */
public final class TrainingFilter {
  /** Skip reason: the image has no non-crowd instance. */
  public static final String NO_USABLE_INSTANCES = "training images without non-crowd annotations";
  /** Skip reason: a keypoint set's image has no labeled keypoint. */
  public static final String NO_KEYPOINTS = "training images without labeled keypoints";

  private TrainingFilter() {}

  public static DetectionSet apply(DetectionSet set) {
    List<ImageRecord> kept = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    for (ImageRecord im : set.images()) {
      boolean usable = im.instances().stream().anyMatch(i -> !i.crowd());
      if (!usable) {
        skipped.merge(NO_USABLE_INSTANCES, 1, Integer::sum);
        continue;
      }
      if (set.keypoints() != null && im.instances().stream().mapToInt(Instance::labeledKeypoints).sum() < 1) {
        skipped.merge(NO_KEYPOINTS, 1, Integer::sum);
        continue;
      }
      kept.add(im);
    }
    return set.withImages(kept, skipped);
  }
}
