package dev.rethink.runtime.task;

import dev.rethink.runtime.eval.ClassificationEvaluator;
import dev.rethink.runtime.eval.DetectionEvaluator;
import dev.rethink.dsl.SpecException;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import dev.rethink.dsl.eval.Accuracy;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.IouType;
import dev.rethink.dsl.eval.MetricSpec;
import dev.rethink.dsl.eval.VocMap;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.InstanceHeadSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.data.ClassificationData;
import dev.rethink.runtime.data.DataException;
import dev.rethink.runtime.data.DataSource;
import dev.rethink.runtime.data.DetectionData;
import dev.rethink.runtime.eval.coco.CocoGroundTruth;
import dev.rethink.runtime.eval.coco.CocoJson;
import dev.rethink.runtime.report.VariantLabels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every dataset of a study, opened before the first variant trains, as each variant's {@link TrainingTask}: a
 * missing or malformed dataset, a model whose class count does not match its dataset, or a metric the model cannot
 * be evaluated with fails the run in seconds rather than after the variants before it have trained for days.
 * Variants reading the same dataset with the same input share it.
 */
public final class StudyData {
  private static final Logger LOG = LoggerFactory.getLogger(StudyData.class);

  private record Key(DatasetSpec dataset, InputSpec input) {}

  private final Map<String, TrainingTask> byVariant;

  private StudyData(Map<String, TrainingTask> byVariant) {
    this.byVariant = byVariant;
  }

  /**
   * Opens the variants' datasets (synthetic ones are generated on first use) and the COCO ground truth of the
   * evaluation splits that a {@link CocoAp} metric needs.
   *
   * @throws DataException if a dataset is missing or malformed
   * @throws SpecException if a model's class count differs from its dataset's, or a metric does not fit the model
   *     or the dataset
   */
  public static StudyData open(DataSource source, ClassificationEvaluator classification, DetectionEvaluator detection,
      List<VariantSpec> variants) {
    Map<Key, List<VariantSpec>> byKey = new LinkedHashMap<>();
    for (VariantSpec v : variants) {
      checkMetrics(v);
      byKey.computeIfAbsent(new Key(v.data(), v.input()), k -> new ArrayList<>()).add(v);
    }
    Map<String, TrainingTask> byVariant = new HashMap<>();
    for (Map.Entry<Key, List<VariantSpec>> e : byKey.entrySet()) {
      Key key = e.getKey();
      List<VariantSpec> users = e.getValue();
      TrainingTask task = key.input().accept(new InputSpec.Visitor<TrainingTask>() {
        @Override
        public TrainingTask classification(ClassificationInput input) {
          ClassificationData d = source.classification(key.dataset(), input);
          LOG.info("dataset {}: {} training and {}, {}", VariantLabels.data(key.dataset()), d.trainSize(),
              VariantLabels.count(d.evalSize(), "evaluation image"),
              VariantLabels.count(d.numClasses(), "class", "classes"));
          return new ClassificationTask(d, classification);
        }

        @Override
        public TrainingTask detection(DetectionInput input) {
          DetectionData d = source.detection(key.dataset(), input);
          LOG.info("dataset {}: {} training and {}, {}{}", VariantLabels.data(key.dataset()), d.trainSize(),
              VariantLabels.count(d.evalSize(), "evaluation image"),
              VariantLabels.count(d.numClasses(), "class", "classes"),
              d.skipped().isEmpty() ? "" : "; skipped " + d.skipped());
          boolean cocoAp = users.stream().anyMatch(v -> v.eval().metrics().stream().anyMatch(m -> m instanceof CocoAp));
          return new DetectionTask(d, cocoAp ? groundTruth(users.get(0), d) : null, detection);
        }
      });
      for (VariantSpec v : users) {
        checkData(v, task);
        byVariant.put(v.name(), task);
      }
    }
    return new StudyData(byVariant);
  }

  /** The task (opened dataset and evaluation) of the variant. */
  public TrainingTask of(VariantSpec variant) {
    TrainingTask task = byVariant.get(variant.name());
    if (task == null) {
      throw new IllegalArgumentException("no dataset was opened for variant " + variant.name());
    }
    return task;
  }

  /** The COCO annotations of a COCO-format set's evaluation split, read as the COCO tools read them. */
  private static CocoGroundTruth groundTruth(VariantSpec v, DetectionData data) {
    boolean cocoFormat = v.data().accept(new DatasetSpec.Visitor<Boolean>() {
      @Override
      public Boolean syntheticClassification(SyntheticClassification spec) {
        return false;
      }

      @Override
      public Boolean imageFolder(ImageFolder spec) {
        return false;
      }

      @Override
      public Boolean coco(Coco spec) {
        return true;
      }

      @Override
      public Boolean syntheticCoco(SyntheticCoco spec) {
        return true;
      }

      @Override
      public Boolean voc(Voc spec) {
        return false;
      }

      @Override
      public Boolean syntheticVoc(SyntheticVoc spec) {
        return false;
      }
    });
    SpecException.require(cocoFormat, "variants[" + v.name() + "].eval.metrics", "CocoAp needs a COCO-format"
        + " dataset, but " + VariantLabels.data(v.data()) + " is not one (hint: VocMap for PASCAL VOC)");
    Path file = Path.of(data.evalSet().source());
    try {
      return CocoJson.readGroundTruth(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new DataException(file + ": cannot read the evaluation ground truth: " + e.getMessage(), e);
    }
  }

  /** Each metric must fit the model: accuracy for classifiers; COCO AP of the detector's outputs, or VOC mAP. */
  private static void checkMetrics(VariantSpec v) {
    boolean detector = v.model().detector().isPresent();
    List<IouType> predicted = v.model().detector().map(RcnnSpec::iouTypes).orElse(List.of());
    boolean masks = predicted.contains(IouType.SEGM);
    boolean keypoints = predicted.contains(IouType.KEYPOINTS);
    for (MetricSpec metric : v.eval().metrics()) {
      String field = "variants[" + v.name() + "].eval.metrics";
      metric.accept(new MetricSpec.Visitor<Void>() {
        @Override
        public Void accuracy(Accuracy spec) {
          SpecException.require(!detector, field, spec + " is a classification metric; a detector is evaluated"
              + " with CocoAp or VocMap (hint: EvalSpec.atEnd(CocoAp.boxAndMask()))");
          return null;
        }

        @Override
        public Void cocoAp(CocoAp spec) {
          SpecException.require(detector, field, spec + " is a detection metric; a classifier is evaluated with"
              + " Accuracy (hint: EvalSpec.atEnd(Accuracy.top1Top5()))");
          SpecException.require(masks || !spec.iouTypes().contains(IouType.SEGM), field, "segm AP needs masks,"
              + " which only Mask R-CNN predicts (hint: CocoAp.box())");
          SpecException.require(keypoints || !spec.iouTypes().contains(IouType.KEYPOINTS), field,
              "keypoint AP needs keypoints, which only Keypoint R-CNN predicts");
          return null;
        }

        @Override
        public Void vocMap(VocMap spec) {
          SpecException.require(detector, field, spec + " is a detection metric; a classifier is evaluated with"
              + " Accuracy (hint: EvalSpec.atEnd(Accuracy.top1Top5()))");
          return null;
        }
      });
    }
  }

  /** A model's head must match its dataset (an ImageFolder's classes, a COCO set's categories are on disk). */
  private static void checkData(VariantSpec variant, TrainingTask task) {
    String at = "variants[" + variant.name() + "].model";
    variant.model().accept(new ModelSpec.Visitor<Void>() {
      @Override
      public Void classifier(ClassifierSpec spec) {
        if (!(task instanceof ClassificationTask c)) {
          throw new SpecException(at, "a classifier needs a ClassificationInput, got " + variant.input());
        }
        classes(spec.numClasses(), c.data().numClasses());
        return null;
      }

      @Override
      public Void rcnn(RcnnSpec spec) {
        if (!(task instanceof DetectionTask d)) {
          throw new SpecException(at, "a detector needs a DetectionInput, got " + variant.input());
        }
        classes(spec.numClasses(), d.data().numClasses());
        spec.instanceHeads().forEach(head -> head.accept(new InstanceHeadSpec.Visitor<Void>() {
          @Override
          public Void mask(MaskHeadSpec m) {
            return null; // no dataset rule for the mask head beyond the detector's
          }

          @Override
          public Void keypoint(KeypointHeadSpec k) {
            DetectionData data = d.data();
            SpecException.require(data.keypoints().isPresent(), at + ".keypointHead", "Keypoint R-CNN needs a"
                + " keypoint dataset; " + VariantLabels.data(variant.data()) + " has no keypoints");
            SpecException.require(data.keypoints().get().names().size() == k.numKeypoints(),
                at + ".keypointHead.numKeypoints", "is " + k.numKeypoints() + " but "
                    + VariantLabels.data(variant.data()) + " has " + data.keypoints().get().names().size()
                    + " keypoints");
            return null;
          }
        }));
        return null;
      }

      private void classes(int model, int data) {
        SpecException.require(model == data, at + ".numClasses", "is " + model + " but "
            + VariantLabels.data(variant.data()) + " has " + VariantLabels.count(data, "class", "classes")
            + " (hint: declare the dataset's class count)");
      }
    });
  }
}
