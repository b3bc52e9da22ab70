package dev.rethink.runtime.model;

import com.google.inject.AbstractModule;

/** Binds {@link ModelCompiler} to the {@code graph} module's lowering. */
public final class ModelModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(ModelCompiler.class).to(VariantGraphCompiler.class);
  }
}
