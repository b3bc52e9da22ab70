package dev.rethink.runtime.eval;

import com.google.inject.AbstractModule;

/**
 * Binds the {@link DetectionEvaluator} that computes {@link dev.rethink.dsl.eval.CocoAp} and
 * {@link dev.rethink.dsl.eval.VocMap} metrics.
 */
public final class DetectionEvaluatorModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(DetectionEvaluator.class).to(ApDetectionEvaluator.class);
  }
}
