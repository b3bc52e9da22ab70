package dev.rethink.runtime.data;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;

/**
 * Binds {@link DataSource} over the readers the data modules contribute, and the default
 * {@link PipelineSettings} (one thread per processor), which a launcher or test may replace with
 * {@code OptionalBinder.newOptionalBinder(binder(), PipelineSettings.class).setBinding()}. Every data module
 * installs it; Guice keeps one copy, as all instances are equal.
 */
public final class DataSourceModule extends AbstractModule {

  @Override
  protected void configure() {
    DataBindings.classificationReaders(binder());
    DataBindings.detectionReaders(binder());
    OptionalBinder.newOptionalBinder(binder(), PipelineSettings.class).setDefault()
        .toInstance(PipelineSettings.defaults());
    bind(DataSource.class).to(DispatchingDataSource.class);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataSourceModule;
  }

  @Override
  public int hashCode() {
    return DataSourceModule.class.hashCode();
  }
}
