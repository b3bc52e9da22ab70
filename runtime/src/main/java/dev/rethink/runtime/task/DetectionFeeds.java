package dev.rethink.runtime.task;

import dev.rethink.graph.study.InputKey;
import dev.rethink.runtime.data.DetectionBatch;
import dev.rethink.runtime.report.Budget;
import java.util.Set;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A {@link DetectionBatch} as tensors: its arrays copied as they are, in the layout the detector's inputs take. */
public final class DetectionFeeds {
  private DetectionFeeds() {}

  /**
   * The batch's tensors for the inputs {@code keys} of a tower.
   *
   * @param variant the variant's name, for messages
   * @throws IllegalStateException if the batch lacks an input (e.g. masks for Mask R-CNN from a set without them)
   */
  public static Feeds of(Set<InputKey> keys, DetectionBatch b, String variant) {
    int n = b.size();
    int g = b.maxInstances();
    return Feeds.of(keys, budget(b), key -> tensor(key, b, n, g, variant));
  }

  /** The batch's images, non-crowd ground-truth instances, and pixels of the resized images (padding excluded). */
  static Budget budget(DetectionBatch b) {
    long instances = 0;
    long pixels = 0;
    for (int i = 0; i < b.size(); i++) {
      instances += b.instanceCounts()[i];
      pixels += (long) b.imageHeights()[i] * b.imageWidths()[i];
    }
    return new Budget(b.size(), instances, pixels);
  }

  private static Tensor tensor(InputKey key, DetectionBatch b, int n, int g, String variant) {
    switch (key) {
      case IMAGES:
        return TFloat32.tensorOf(Shape.of(n, b.height(), b.width(), 3), DataBuffers.of(b.pixels(), true, false));
      case IMAGE_HEIGHTS:
        return TInt32.tensorOf(Shape.of(n), DataBuffers.of(b.imageHeights(), true, false));
      case IMAGE_WIDTHS:
        return TInt32.tensorOf(Shape.of(n), DataBuffers.of(b.imageWidths(), true, false));
      case GT_BOXES:
        return TFloat32.tensorOf(Shape.of(n, g, 4), DataBuffers.of(b.boxes(), true, false));
      case GT_CLASSES:
        return TInt32.tensorOf(Shape.of(n, g), DataBuffers.of(b.classes(), true, false));
      case GT_COUNTS:
        return TInt32.tensorOf(Shape.of(n), DataBuffers.of(b.instanceCounts(), true, false));
      case GT_MASKS:
        if (b.maskSize() == 0) {
          throw new IllegalStateException(variant + ": the model has a mask head but the dataset's training"
              + " annotations have no masks (hint: Faster R-CNN for a box-only set)");
        }
        return TFloat32.tensorOf(Shape.of(n, g, b.maskSize(), b.maskSize()), DataBuffers.of(b.masks(), true,
            false));
      case GT_KEYPOINTS:
        if (b.numKeypoints() == 0) {
          throw new IllegalStateException(variant + ": the model has a keypoint head but the dataset has no"
              + " keypoints");
        }
        return TFloat32.tensorOf(Shape.of(n, g, b.numKeypoints(), 3), DataBuffers.of(b.keypoints(), true, false));
      default:
        throw new IllegalStateException(variant + ": a detection batch has no " + key + " for the graph's input");
    }
  }
}
