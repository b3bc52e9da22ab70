package dev.rethink.runtime.data.folder;

import com.google.inject.AbstractModule;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.runtime.data.DataBindings;
import dev.rethink.runtime.data.DataSourceModule;
import java.nio.file.Path;
import java.util.Objects;

/** Reads {@link ImageFolder} datasets; relative roots resolve against {@code dataRoot}. */
public final class ImageFolderDataModule extends AbstractModule {
  private final Path dataRoot;

  public ImageFolderDataModule(Path dataRoot) {
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
  }

  @Override
  protected void configure() {
    install(new DataSourceModule());
    bind(Path.class).annotatedWith(DataRoot.class).toInstance(dataRoot.toAbsolutePath());
    DataBindings.classificationReaders(binder()).addBinding(ImageFolder.class).to(ImageFolderReader.class);
  }
}
