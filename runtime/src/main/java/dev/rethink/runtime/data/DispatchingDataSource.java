package dev.rethink.runtime.data;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import jakarta.inject.Inject;
import java.util.Map;

/** Hands each dataset spec to the reader contributed for its kind. */
final class DispatchingDataSource implements DataSource {
  private final Map<Class<? extends DatasetSpec>, ClassificationReader<?>> classificationReaders;

  @Inject
  DispatchingDataSource(Map<Class<? extends DatasetSpec>, ClassificationReader<?>> classificationReaders) {
    this.classificationReaders = classificationReaders;
  }

  @Override
  public ClassificationData classification(DatasetSpec dataset, ClassificationInput input) {
    return dataset.accept(new DatasetSpec.Visitor<ClassificationData>() {
      @Override
      public ClassificationData syntheticClassification(SyntheticClassification spec) {
        return reader(SyntheticClassification.class, "SyntheticDataModule").open(spec, input);
      }

      @Override
      public ClassificationData imageFolder(ImageFolder spec) {
        return reader(ImageFolder.class, "ImageFolderDataModule").open(spec, input);
      }
    });
  }

  @SuppressWarnings("unchecked") // the map binder keys each reader by the spec class it reads
  private <S extends DatasetSpec> ClassificationReader<S> reader(Class<S> kind, String module) {
    ClassificationReader<?> reader = classificationReaders.get(kind);
    if (reader == null) {
      throw new DataException("no data module reads " + kind.getSimpleName() + " datasets (hint: install "
          + module + "; DataModules.forStudy lists the modules a study needs)");
    }
    return (ClassificationReader<S>) reader;
  }
}
