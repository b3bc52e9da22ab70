package dev.rethink.runtime.data.coco;

import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.DetectionReader;
import dev.rethink.runtime.data.PipelineSettings;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Reads {@link Coco} datasets, resolving relative roots against the data root. */
final class CocoReader implements DetectionReader<Coco> {
  private final Path dataRoot;
  private final PipelineSettings settings;

  @Inject
  CocoReader(@CocoDataRoot Path dataRoot, PipelineSettings settings) {
    this.dataRoot = dataRoot;
    this.settings = settings;
  }

  @Override
  public DetectionData open(Coco spec, DetectionInput input) {
    return CocoDatasets.open(dataRoot.resolve(spec.root()), spec, input, settings);
  }
}
