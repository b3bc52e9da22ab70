package dev.rethink.runtime.data;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import jakarta.inject.Inject;
import java.util.Map;

/** Hands each dataset spec to the reader contributed for its kind. */
final class DispatchingDataSource implements DataSource {
  private final Map<Class<? extends DatasetSpec>, ClassificationReader<?>> classificationReaders;
  private final Map<Class<? extends DatasetSpec>, DetectionReader<?>> detectionReaders;

  @Inject
  DispatchingDataSource(Map<Class<? extends DatasetSpec>, ClassificationReader<?>> classificationReaders,
      Map<Class<? extends DatasetSpec>, DetectionReader<?>> detectionReaders) {
    this.classificationReaders = classificationReaders;
    this.detectionReaders = detectionReaders;
  }

  @Override
  public ClassificationData classification(DatasetSpec dataset, ClassificationInput input) {
    return dataset.accept(new DatasetSpec.Visitor<ClassificationData>() {
      @Override
      public ClassificationData syntheticClassification(SyntheticClassification spec) {
        return classificationReader(SyntheticClassification.class, "SyntheticDataModule").open(spec, input);
      }

      @Override
      public ClassificationData imageFolder(ImageFolder spec) {
        return classificationReader(ImageFolder.class, "ImageFolderDataModule").open(spec, input);
      }

      @Override
      public ClassificationData coco(Coco spec) {
        throw notClassification(spec);
      }

      @Override
      public ClassificationData syntheticCoco(SyntheticCoco spec) {
        throw notClassification(spec);
      }

      @Override
      public ClassificationData voc(Voc spec) {
        throw notClassification(spec);
      }

      @Override
      public ClassificationData syntheticVoc(SyntheticVoc spec) {
        throw notClassification(spec);
      }
    });
  }

  @Override
  public DetectionData detection(DatasetSpec dataset, DetectionInput input) {
    return dataset.accept(new DatasetSpec.Visitor<DetectionData>() {
      @Override
      public DetectionData syntheticClassification(SyntheticClassification spec) {
        throw notDetection(spec);
      }

      @Override
      public DetectionData imageFolder(ImageFolder spec) {
        throw notDetection(spec);
      }

      @Override
      public DetectionData coco(Coco spec) {
        return detectionReader(Coco.class, "CocoDataModule").open(spec, input);
      }

      @Override
      public DetectionData syntheticCoco(SyntheticCoco spec) {
        return detectionReader(SyntheticCoco.class, "SyntheticDataModule").open(spec, input);
      }

      @Override
      public DetectionData voc(Voc spec) {
        return detectionReader(Voc.class, "VocDataModule").open(spec, input);
      }

      @Override
      public DetectionData syntheticVoc(SyntheticVoc spec) {
        return detectionReader(SyntheticVoc.class, "SyntheticDataModule").open(spec, input);
      }
    });
  }

  private static DataException notClassification(DatasetSpec spec) {
    return new DataException(spec + " is a detection dataset; a classification variant needs ImageFolder or"
        + " SyntheticClassification data");
  }

  private static DataException notDetection(DatasetSpec spec) {
    return new DataException(spec + " is a classification dataset; a detection variant needs Coco, Voc,"
        + " SyntheticCoco or SyntheticVoc data");
  }

  @SuppressWarnings("unchecked") // the map binder keys each reader by the spec class it reads
  private <S extends DatasetSpec> ClassificationReader<S> classificationReader(Class<S> kind, String module) {
    ClassificationReader<?> reader = classificationReaders.get(kind);
    if (reader == null) {
      throw missing(kind, module);
    }
    return (ClassificationReader<S>) reader;
  }

  @SuppressWarnings("unchecked") // the map binder keys each reader by the spec class it reads
  private <S extends DatasetSpec> DetectionReader<S> detectionReader(Class<S> kind, String module) {
    DetectionReader<?> reader = detectionReaders.get(kind);
    if (reader == null) {
      throw missing(kind, module);
    }
    return (DetectionReader<S>) reader;
  }

  private static DataException missing(Class<?> kind, String module) {
    return new DataException("no data module reads " + kind.getSimpleName() + " datasets (hint: install "
        + module + "; DataModules.forStudy lists the modules a study needs)");
  }
}
