package dev.rethink.runtime.data.voc;

import com.google.inject.AbstractModule;
import dev.rethink.dsl.data.Voc;
import dev.rethink.runtime.data.DataBindings;
import dev.rethink.runtime.data.DataSourceModule;
import java.nio.file.Path;
import java.util.Objects;

/** Reads {@link Voc} datasets; relative roots resolve against {@code dataRoot}. */
public final class VocDataModule extends AbstractModule {
  private final Path dataRoot;

  public VocDataModule(Path dataRoot) {
    this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
  }

  @Override
  protected void configure() {
    install(new DataSourceModule());
    bind(Path.class).annotatedWith(VocDataRoot.class).toInstance(dataRoot.toAbsolutePath());
    DataBindings.detectionReaders(binder()).addBinding(Voc.class).to(VocReader.class);
  }
}
