package dev.rethink.runtime.data;

import dev.rethink.runtime.data.coco.SubsetIdentity;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.KeypointSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An opened detection dataset (COCO or VOC format, possibly generated): the counterpart of ClassificationData. */
public interface DetectionData {

  /** Class names in label order. */
  List<String> classNames();

  default int numClasses() {
    return classNames().size();
  }

  /** The dataset's category id of each label (for writing results in the dataset's own ids). */
  List<Long> categoryIds();

  /** The keypoint schema of a keypoint set. */
  Optional<KeypointSchema> keypoints();

  /** Training images used (after the subset and the reference code's filtering). */
  int trainSize();

  /** Evaluation images. */
  int evalSize();

  /**
   * Ground-truth slots per image in training batches ({@link DetectionBatch#maxInstances()}): the most non-crowd
   * instances of any training image, at most {@link DetectionBatch#DEFAULT_MAX_INSTANCES}; fixed for the dataset,
   * so graph shapes are static.
   */
  int maxInstances();

  /** What was left out, by reason, with counts (to report with the run). */
  Map<String, Integer> skipped();

  /** The identity of the training subset, when the spec asks for one (to record with the run). */
  Optional<SubsetIdentity> subset();

  /** The evaluation split's ground truth in original image coordinates, crowd and difficult flags included. */
  DetectionSet evalSet();

  /**
   * Endless training batches with augmentation, in the order of {@link dev.rethink.runtime.data.pipeline.EpochOrder}
   * from {@code seed}, starting at global batch {@code startBatch}; each image's scale and flip are drawn from
   * {@code (seed, epoch, image)}.
   */
  BatchStream<DetectionBatch> train(long seed, int batchSize, long startBatch);

  /** Evaluation batches in a fixed order, at the test scale, without flips or masks; the last may be smaller. */
  BatchStream<DetectionBatch> eval(int batchSize);
}
