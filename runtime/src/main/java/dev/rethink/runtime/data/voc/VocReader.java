package dev.rethink.runtime.data.voc;

import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.Voc;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.DetectionReader;
import dev.rethink.runtime.data.PipelineSettings;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Reads {@link Voc} datasets, resolving relative roots against the data root. */
final class VocReader implements DetectionReader<Voc> {
  private final Path dataRoot;
  private final PipelineSettings settings;

  @Inject
  VocReader(@VocDataRoot Path dataRoot, PipelineSettings settings) {
    this.dataRoot = dataRoot;
    this.settings = settings;
  }

  @Override
  public DetectionData open(Voc spec, DetectionInput input) {
    return VocDatasets.open(dataRoot.resolve(spec.root()), spec, input, settings);
  }
}
