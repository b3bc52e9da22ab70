package dev.rethink.runtime.data.synthetic;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.ClassificationReader;
import dev.rethink.runtime.data.PipelineSettings;
import dev.rethink.runtime.data.folder.FolderClassificationData;
import dev.rethink.runtime.data.folder.ImageFolderLayout;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Generates a {@link SyntheticClassification} set into the cache on first use, then reads it exactly as an
 * {@link ImageFolder}.
 */
final class SyntheticClassificationReader implements ClassificationReader<SyntheticClassification> {
  private final Path cacheDir;
  private final PipelineSettings settings;

  @Inject
  SyntheticClassificationReader(@SyntheticCache Path cacheDir, PipelineSettings settings) {
    this.cacheDir = cacheDir;
    this.settings = settings;
  }

  @Override
  public ClassificationData open(SyntheticClassification spec, ClassificationInput input) {
    Path dir = DatasetCache.ensure(cacheDir.resolve(SyntheticClassificationGenerator.directoryName(spec)),
        spec.toString(), d -> SyntheticClassificationGenerator.generate(spec, d, settings.threads()));
    return new FolderClassificationData(ImageFolderLayout.scan(dir, "train", "val"), input, settings);
  }
}
