package dev.rethink.runtime.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** An opened classification dataset (an ImageNet-style folder, possibly generated). */
public interface ClassificationData {

  /** Class names in index order (sorted folder names). */
  List<String> classNames();

  default int numClasses() {
    return classNames().size();
  }

  /** The folder the images are read from, when they come from disk (recorded in a run's provenance). */
  default Optional<Path> location() {
    return Optional.empty();
  }

  /** Number of training images. */
  int trainSize();

  /** Number of evaluation images. */
  int evalSize();

  /**
   * Endless training batches with augmentation: epoch {@code e} visits every training image once in an order
   * drawn from {@code (seed, e)}; the stream starts at global batch index {@code startBatch}, so a resumed run
   * sees exactly the batches it would have seen.
   */
  BatchStream<ImageBatch> train(long seed, int batchSize, long startBatch);

  /** Evaluation batches in a fixed order, without augmentation; the last one may be smaller. */
  BatchStream<ImageBatch> eval(int batchSize);
}
