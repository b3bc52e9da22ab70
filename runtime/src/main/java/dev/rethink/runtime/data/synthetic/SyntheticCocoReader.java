package dev.rethink.runtime.data.synthetic;

import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.data.DetectionReader;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.coco.CocoDatasets;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Generates a {@link SyntheticCoco} set into the cache on first use, then reads it exactly as a {@link Coco} set. */
final class SyntheticCocoReader implements DetectionReader<SyntheticCoco> {
  private final Path cacheDir;
  private final PipelineSettings settings;

  @Inject
  SyntheticCocoReader(@SyntheticCache Path cacheDir, PipelineSettings settings) {
    this.cacheDir = cacheDir;
    this.settings = settings;
  }

  @Override
  public DetectionData open(SyntheticCoco spec, DetectionInput input) {
    Path dir = ensure(cacheDir, spec, settings.threads());
    return CocoDatasets.open(dir, cocoSpec(dir, spec), input, settings);
  }

  /** The generated set's directory, generating it if needed. */
  static Path ensure(Path cacheDir, SyntheticCoco spec, int threads) {
    SyntheticCoco files = spec.withSubset(null); // the subset is chosen when reading, not generated
    return DatasetCache.ensure(cacheDir.resolve(SyntheticDetectionGenerator.directoryName(files)), files.toString(),
        d -> SyntheticDetectionGenerator.generateCoco(files, d, threads));
  }

  /** The {@link Coco} spec that reads the generated files, with the synthetic spec's subset. */
  static Coco cocoSpec(Path dir, SyntheticCoco spec) {
    return new Coco(dir.toString(), SyntheticDetectionGenerator.annotationFile(spec, "train"), "train",
        SyntheticDetectionGenerator.annotationFile(spec, "val"), "val", spec.subset());
  }
}
