package dev.rethink.runtime.data.voc;

import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.Voc;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.detection.DetectionSet;
import dev.rethink.runtime.data.detection.SetDetectionData;
import dev.rethink.runtime.data.detection.TrainingFilter;
import java.nio.file.Path;
import java.util.List;

/** Opens a VOC-format dataset: training sets concatenated and filtered as Detectron2 does, the evaluation set whole. */
public final class VocDatasets {
  private VocDatasets() {}

  /** @param devkit the VOCdevkit folder ({@link Voc#root()} resolved) */
  public static SetDetectionData open(Path devkit, Voc spec, DetectionInput input, PipelineSettings settings) {
    DetectionSet train = VocImageSets.read(devkit, spec.trainSets(), spec.classes());
    DetectionSet eval = VocImageSets.read(devkit, List.of(spec.evalSet()), spec.classes());
    return new SetDetectionData(TrainingFilter.apply(train), eval, null, input, settings);
  }
}
