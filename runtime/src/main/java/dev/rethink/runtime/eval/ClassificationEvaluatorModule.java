package dev.rethink.runtime.eval;

import com.google.inject.AbstractModule;

/** Binds the {@link ClassificationEvaluator} that computes {@link dev.rethink.dsl.eval.Accuracy} metrics. */
public final class ClassificationEvaluatorModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(ClassificationEvaluator.class).to(TopKClassificationEvaluator.class);
  }
}
