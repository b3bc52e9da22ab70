package dev.rethink.runtime.data.detection;

import java.util.Arrays;
import java.util.List;

/**
 * The keypoints of a category, in annotation order, and which keypoint each becomes under a horizontal flip:
 * {@code left_*} and {@code right_*} swap (COCO's naming; Detectron2's {@code keypoint_flip_map}), others map
 * to themselves.
 *
 * @param names keypoint names
 */
public record KeypointSchema(List<String> names) {
  /** COCO's 17 person keypoints, in the order of the annotation files. */
  public static final KeypointSchema COCO_PERSON = new KeypointSchema(List.of("nose", "left_eye", "right_eye",
      "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist",
      "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle"));

  public KeypointSchema {
    names = List.copyOf(names);
  }

  public int size() {
    return names.size();
  }

  /** {@code flipIndex()[k]}: the keypoint that keypoint {@code k} becomes when the image is mirrored. */
  public int[] flipIndex() {
    int[] flip = new int[names.size()];
    for (int k = 0; k < flip.length; k++) {
      String n = names.get(k);
      String partner = n.startsWith("left_") ? "right_" + n.substring(5)
          : n.startsWith("right_") ? "left_" + n.substring(6) : n;
      int j = names.indexOf(partner);
      flip[k] = j >= 0 ? j : k;
    }
    return flip;
  }

  @Override
  public String toString() {
    return "KeypointSchema" + names + " flip " + Arrays.toString(flipIndex());
  }
}
