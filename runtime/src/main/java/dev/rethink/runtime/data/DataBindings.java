package dev.rethink.runtime.data;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import dev.rethink.dsl.data.DatasetSpec;

/** The Guice map bindings through which data modules contribute their readers, keyed by dataset spec class. */
public final class DataBindings {
  private static final TypeLiteral<Class<? extends DatasetSpec>> SPEC_CLASS = new TypeLiteral<>() {};
  private static final TypeLiteral<ClassificationReader<?>> CLASSIFICATION_READER = new TypeLiteral<>() {};
  private static final TypeLiteral<DetectionReader<?>> DETECTION_READER = new TypeLiteral<>() {};

  private DataBindings() {}

  /** The map of classification readers; {@code addBinding(Spec.class).to(Reader.class)} contributes one. */
  public static MapBinder<Class<? extends DatasetSpec>, ClassificationReader<?>> classificationReaders(
      Binder binder) {
    return MapBinder.newMapBinder(binder, SPEC_CLASS, CLASSIFICATION_READER);
  }

  /** The map of detection readers; {@code addBinding(Spec.class).to(Reader.class)} contributes one. */
  public static MapBinder<Class<? extends DatasetSpec>, DetectionReader<?>> detectionReaders(Binder binder) {
    return MapBinder.newMapBinder(binder, SPEC_CLASS, DETECTION_READER);
  }
}
