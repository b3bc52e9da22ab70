package dev.rethink.runtime.data.synthetic;

import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.DetectionReader;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.voc.VocDatasets;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Generates a {@link SyntheticVoc} set into the cache on first use, then reads it exactly as a {@link Voc} set. */
final class SyntheticVocReader implements DetectionReader<SyntheticVoc> {
  private final Path cacheDir;
  private final PipelineSettings settings;

  @Inject
  SyntheticVocReader(@SyntheticCache Path cacheDir, PipelineSettings settings) {
    this.cacheDir = cacheDir;
    this.settings = settings;
  }

  @Override
  public DetectionData open(SyntheticVoc spec, DetectionInput input) {
    Path dir = DatasetCache.ensure(cacheDir.resolve(SyntheticDetectionGenerator.directoryName(spec)),
        spec.toString(), d -> SyntheticDetectionGenerator.generateVoc(spec, d, settings.threads()));
    return VocDatasets.open(dir, SyntheticDetectionGenerator.vocSpec(dir), input, settings);
  }
}
