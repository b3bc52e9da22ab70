package dev.rethink.runtime.data.coco;

import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.CocoSubset;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.SetDetectionData;
import dev.rethink.runtime.data.detection.TrainingFilter;
import java.nio.file.Path;

/**
 * Opens a COCO-format dataset: both annotation files read and checked, the training subset drawn (if any), then
 * the training images the reference code skips dropped and counted.
 */
public final class CocoDatasets {
  private CocoDatasets() {}

  /**
   * @param root the dataset folder ({@link Coco#root()} resolved)
   * @param spec file and folder names, relative to {@code root}, and the subset
   */
  public static SetDetectionData open(Path root, Coco spec, DetectionInput input, PipelineSettings settings) {
    DetectionSet train = CocoAnnotationFile.read(root.resolve(spec.trainAnnotations()),
        root.resolve(spec.trainImages()));
    DetectionSet eval = CocoAnnotationFile.read(root.resolve(spec.evalAnnotations()), root.resolve(spec.evalImages()));
    SubsetIdentity identity = null;
    CocoSubset subset = spec.subset();
    if (subset != null) {
      train = CocoSubsets.apply(train, subset);
      identity = CocoSubsets.identity(train, subset.seed());
    }
    return new SetDetectionData(TrainingFilter.apply(train), eval, identity, input, settings);
  }
}
