package dev.rethink.runtime.train;

import dev.rethink.dsl.SpecException;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.FasterRcnnSpec;
import dev.rethink.dsl.model.KeypointRcnnSpec;
import dev.rethink.dsl.model.MaskRcnnSpec;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.report.VariantLabels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every dataset of a study, opened before the first variant trains: a missing or malformed dataset, or a
 * classifier whose class count does not match its dataset, fails the run in seconds rather than after the
 * variants before it have trained for days. Variants reading the same dataset with the same input share it.
 */
final class StudyData {
  private static final Logger LOG = LoggerFactory.getLogger(StudyData.class);

  private record Key(DatasetSpec dataset, InputSpec input) {}

  private final Map<String, TrainingTask> byVariant;

  private StudyData(Map<String, TrainingTask> byVariant) {
    this.byVariant = byVariant;
  }

  /**
   * Opens the variants' datasets (synthetic ones are generated on first use).
   *
   * @throws dev.rethink.runtime.data.DataException if a dataset is missing or malformed
   * @throws SpecException if a classifier's {@code numClasses} differs from its dataset's
   */
  static StudyData open(DataSource source, ClassificationEvaluator classification, List<VariantSpec> variants) {
    Map<Key, ClassificationData> opened = new HashMap<>();
    Map<String, TrainingTask> byVariant = new HashMap<>();
    for (VariantSpec v : variants) {
      Key key = new Key(v.data(), v.input());
      ClassificationInput input = classificationInput(v);
      ClassificationData data = opened.computeIfAbsent(key, k -> {
        ClassificationData d = source.classification(k.dataset(), input);
        LOG.info("dataset {}: {} training and {} evaluation images, {} classes", VariantLabels.data(k.dataset()),
            d.trainSize(), d.evalSize(), d.numClasses());
        return d;
      });
      checkClasses(v, data);
      byVariant.put(v.name(), new ClassificationTask(data, classification));
    }
    return new StudyData(byVariant);
  }

  /** The task (opened dataset and evaluation) of the variant. */
  TrainingTask of(VariantSpec variant) {
    TrainingTask data = byVariant.get(variant.name());
    if (data == null) {
      throw new IllegalArgumentException("no dataset was opened for variant " + variant.name());
    }
    return data;
  }

  private static ClassificationInput classificationInput(VariantSpec variant) {
    return variant.input().accept(new InputSpec.Visitor<>() {
      @Override
      public ClassificationInput classification(ClassificationInput spec) {
        return spec;
      }

      @Override
      public ClassificationInput detection(DetectionInput spec) {
        throw new SpecException("variants[" + variant.name() + "].input", "DetectionInput: this trainer runs"
            + " classification variants only; detection training is not wired into `rethink run` yet");
      }
    });
  }

  /** A classifier's head must match the dataset (an ImageFolder's classes are only known on disk). */
  private static void checkClasses(VariantSpec variant, ClassificationData data) {
    variant.model().accept(new ModelSpec.Visitor<Void>() {
      @Override
      public Void classifier(ClassifierSpec spec) {
        SpecException.require(spec.numClasses() == data.numClasses(), "variants[" + variant.name()
            + "].model.numClasses", "is " + spec.numClasses() + " but " + VariantLabels.data(variant.data())
            + " has " + data.numClasses() + " classes (hint: declare the dataset's class count)");
        return null;
      }

      // Detectors never reach here: their DetectionInput is rejected above until detection training is wired.
      @Override
      public Void fasterRcnn(FasterRcnnSpec spec) {
        return null;
      }

      @Override
      public Void maskRcnn(MaskRcnnSpec spec) {
        return null;
      }

      @Override
      public Void keypointRcnn(KeypointRcnnSpec spec) {
        return null;
      }
    });
  }
}
