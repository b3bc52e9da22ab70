package dev.rethink.runtime.data.coco;

import com.google.inject.AbstractModule;
import dev.rethink.dsl.data.Coco;
import dev.rethink.runtime.data.DataBindings;
import dev.rethink.runtime.data.DataSourceModule;
import java.nio.file.Path;
import java.util.Objects;

/** Reads {@link Coco} datasets; relative roots resolve against {@code dataRoot}. */
public final class CocoDataModule extends AbstractModule {
  private final Path dataRoot;

  public CocoDataModule(Path dataRoot) {
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
  }

  @Override
  protected void configure() {
    install(new DataSourceModule());
    bind(Path.class).annotatedWith(CocoDataRoot.class).toInstance(dataRoot.toAbsolutePath());
    DataBindings.detectionReaders(binder()).addBinding(Coco.class).to(CocoReader.class);
  }
}
