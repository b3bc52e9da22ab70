package dev.rethink.runtime.data.detection;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A split of a detection dataset, loaded and checked.
 *
 * @param source the annotation file or image-set list it was read from (for messages and records)
 * @param classNames class names in label order
 * @param categoryIds the dataset's category id of each label (COCO ids are not contiguous; VOC's are 1..20)
 * @param keypoints keypoint schema of the annotated category, or {@code null} for a set without keypoints
 * @param images the images kept, in a fixed order (by id for COCO, list order for VOC)
 * @param skipped images (or annotations) left out as the reference code leaves them out, by reason
 */
public record DetectionSet(String source, List<String> classNames, List<Long> categoryIds, KeypointSchema keypoints,
    List<ImageRecord> images, Map<String, Integer> skipped) {
  public DetectionSet {
    classNames = List.copyOf(classNames);
    categoryIds = List.copyOf(categoryIds);
    images = List.copyOf(images);
    skipped = Map.copyOf(skipped);
  }

  /** The same set restricted to other images, with more skip counts. */
  public DetectionSet withImages(List<ImageRecord> kept, Map<String, Integer> moreSkipped) {
    Map<String, Integer> all = new TreeMap<>(skipped);
    moreSkipped.forEach((k, v) -> all.merge(k, v, Integer::sum));
    return new DetectionSet(source, classNames, categoryIds, keypoints, kept, all);
  }
}
