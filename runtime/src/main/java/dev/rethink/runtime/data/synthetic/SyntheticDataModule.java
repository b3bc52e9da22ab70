package dev.rethink.runtime.data.synthetic;

import com.google.inject.AbstractModule;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.runtime.data.DataBindings;
import dev.rethink.runtime.data.DataSourceModule;
import java.nio.file.Path;
import java.util.Objects;

/** Reads synthetic datasets, generating them into {@code cacheDir} on first use. */
public final class SyntheticDataModule extends AbstractModule {
  private final Path cacheDir;

  public SyntheticDataModule(Path cacheDir) {
    this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
  }

  @Override
  protected void configure() {
    install(new DataSourceModule());
    bind(Path.class).annotatedWith(SyntheticCache.class).toInstance(cacheDir.toAbsolutePath());
    DataBindings.classificationReaders(binder()).addBinding(SyntheticClassification.class)
        .to(SyntheticClassificationReader.class);
    DataBindings.detectionReaders(binder()).addBinding(SyntheticCoco.class).to(SyntheticCocoReader.class);
    DataBindings.detectionReaders(binder()).addBinding(SyntheticVoc.class).to(SyntheticVocReader.class);
  }
}
