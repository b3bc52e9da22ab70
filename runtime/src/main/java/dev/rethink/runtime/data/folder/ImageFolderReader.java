package dev.rethink.runtime.data.folder;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.ClassificationReader;
import dev.rethink.runtime.data.PipelineSettings;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Reads {@link ImageFolder} datasets, resolving relative roots against the data root. */
final class ImageFolderReader implements ClassificationReader<ImageFolder> {
  private final Path dataRoot;
  private final PipelineSettings settings;

  @Inject
  ImageFolderReader(@DataRoot Path dataRoot, PipelineSettings settings) {
    this.dataRoot = dataRoot;
    this.settings = settings;
  }

  @Override
  public ClassificationData open(ImageFolder spec, ClassificationInput input) {
    Path root = dataRoot.resolve(spec.root());
    return new FolderClassificationData(ImageFolderLayout.scan(root, spec.trainSplit(), spec.evalSplit()), input,
        settings);
  }
}
