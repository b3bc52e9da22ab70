package dev.rethink.runtime.report;

import dev.rethink.dsl.backbone.BackboneSpec;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.backbone.VggSpec;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.CocoSubset;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import dev.rethink.dsl.init.FromCheckpoint;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.init.MsraFill;
import dev.rethink.dsl.init.WeightsSpec;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.BoxHeadSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.InstanceHeadSpec;
import dev.rethink.dsl.model.detection.KeypointHeadSpec;
import dev.rethink.dsl.model.detection.MaskHeadSpec;
import dev.rethink.dsl.model.detection.StandardRoiHeads;
import dev.rethink.dsl.model.detection.TwoFc;
import dev.rethink.dsl.model.ModelSpec;
import dev.rethink.dsl.norm.NormSpec;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.InputSpec;
import dev.rethink.dsl.eval.Accuracy;
import dev.rethink.dsl.eval.CocoAp;
import dev.rethink.dsl.eval.EvalSpec;
import dev.rethink.dsl.eval.MetricSpec;
import dev.rethink.dsl.eval.VocMap;
import dev.rethink.dsl.optim.SgdSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Short labels of a variant's choices, in the paper's vocabulary ("ResNet-50", "GN(32)", "3x"), used by the
 * report table and by {@code rethink describe}. Exhaustive visitors: a new choice needs a label to compile.
 */
public final class VariantLabels {
  private VariantLabels() {}

  /** The model, e.g. {@code ResNet-50 ×0.25} for a classifier (its head is implied by the task). */
  public static String model(ModelSpec model) {
    return model.accept(new ModelSpec.Visitor<>() {
      @Override
      public String classifier(ClassifierSpec spec) {
        return backbone(spec.backbone());
      }

      @Override
      public String rcnn(RcnnSpec spec) {
        List<InstanceHeadSpec> heads = spec.instanceHeads();
        String kind = heads.isEmpty() ? "Faster"
            : heads.stream().map(h -> label(h).kind()).collect(Collectors.joining("+"));
        return kind + " R-CNN " + detectorBackbone(spec);
      }
    });
  }

  /** An instance head's words: the R-CNN it makes ("Mask" R-CNN) and what it adds to the outputs. */
  private record HeadLabel(String kind, String outputs) {}

  private static HeadLabel label(InstanceHeadSpec head) {
    return head.accept(new InstanceHeadSpec.Visitor<>() {
      @Override
      public HeadLabel mask(MaskHeadSpec h) {
        return new HeadLabel("Mask", "masks");
      }

      @Override
      public HeadLabel keypoint(KeypointHeadSpec h) {
        return new HeadLabel("Keypoint", "keypoints");
      }
    });
  }

  /** {@code ResNet-50-FPN}, or the backbone alone for a single-level detector (VGG-16 conv5). */
  private static String detectorBackbone(RcnnSpec spec) {
    return backbone(spec.backbone()) + (spec.pyramid().isPresent() ? "-FPN" : "");
  }

  /** The backbone, e.g. {@code ResNet-50}, {@code ResNeXt-101 32×8d}, {@code VGG-16 ×0.25}. */
  public static String backbone(BackboneSpec backbone) {
    return backbone.accept(new BackboneSpec.Visitor<>() {
      @Override
      public String resNet(ResNetSpec spec) {
        String name = spec.groups() > 1
            ? "ResNeXt-" + spec.depth() + " " + spec.groups() + "×" + spec.widthPerGroup() + "d"
            : "ResNet-" + spec.depth();
        return name + width(spec.widthMultiplier());
      }

      @Override
      public String vgg(VggSpec spec) {
        return "VGG-" + spec.depth() + width(spec.widthMultiplier());
      }
    });
  }

  private static String width(double multiplier) {
    return multiplier == 1.0 ? "" : " ×" + exact(multiplier);
  }

  /** The normalization: {@code none}, {@code BN}, {@code FrozenBN}, {@code SyncBN}, {@code GN(32)}. */
  public static String norm(NormSpec norm) {
    return norm.label();
  }

  /**
   * The initialization: {@code scratch}, {@code from <variant>} or {@code checkpoint <path>}, followed by the
   * frozen stages if any, e.g. {@code from pretrain, frozen stem+res2}.
   */
  public static String init(VariantSpec variant) {
    String weights = variant.init().weights().accept(new WeightsSpec.Visitor<>() {
      @Override
      public String msraFill(MsraFill spec) {
        return "scratch";
      }

      @Override
      public String fromVariant(FromVariant spec) {
        return "from " + spec.variant();
      }

      @Override
      public String fromCheckpoint(FromCheckpoint spec) {
        return "checkpoint " + spec.path();
      }
    });
    int frozen = variant.init().freezeAt();
    if (frozen == 0) {
      return weights;
    }
    return weights + ", frozen " + String.join("+", variant.model().backbone().stages().subList(0, frozen)
        .stream().map(BackboneSpec.Stage::name).toList());
  }

  /** The dataset, e.g. {@code synthetic SOURCE (10 classes)} or {@code imagenet/train}. */
  public static String data(DatasetSpec data) {
    return data.accept(new DatasetSpec.Visitor<>() {
      @Override
      public String syntheticClassification(SyntheticClassification spec) {
        return "synthetic " + spec.task() + " (" + spec.classes() + " classes)";
      }

      @Override
      public String imageFolder(ImageFolder spec) {
        return spec.root() + "/" + spec.trainSplit();
      }

      @Override
      public String coco(Coco spec) {
        // The annotation file's name, not the image folder: instances and person keypoints share train2017/.
        String file = Path.of(spec.trainAnnotations()).getFileName().toString().replaceFirst("\\.json$", "");
        return spec.root() + "/" + file + subset(spec.subset());
      }

      @Override
      public String syntheticCoco(SyntheticCoco spec) {
        return "synthetic COCO" + (spec.keypoints() ? " keypoints" : "") + " (" + spec.trainImages() + " images)"
            + subset(spec.subset());
      }

      @Override
      public String voc(Voc spec) {
        return spec.root() + "/" + String.join("+", spec.trainSets());
      }

      @Override
      public String syntheticVoc(SyntheticVoc spec) {
        return "synthetic VOC (" + spec.trainImages() + " images)";
      }
    });
  }

  private static String subset(CocoSubset subset) {
    return subset == null ? "" : ", subset of " + subset.images();
  }

  /**
   * The schedule's length and its multiple of the profile's "1x" in images seen, e.g. {@code 450 it (3x)}; the
   * multiple is left out when the profile is unknown.
   */
  public static String schedule(ScheduleSpec schedule, String profile) {
    return schedule.iterations() + " it" + scheduleMultiple(schedule, profile).map(m -> " (" + m + ")").orElse("");
  }

  /** The variant's schedule, as a multiple of its task's 1x (a detector's is the scale's detection 1x). */
  public static String schedule(VariantSpec variant, String profile) {
    return variant.schedule().iterations() + " it" + scheduleMultiple(variant, profile).map(m -> " (" + m + ")")
        .orElse("");
  }

  /** {@link #scheduleMultiple(ScheduleSpec, String)} against the variant's task's 1x. */
  public static Optional<String> scheduleMultiple(VariantSpec variant, String profile) {
    if (variant.model().detector().isEmpty()) {
      return scheduleMultiple(variant.schedule(), profile);
    }
    Scale.Detection d;
    try {
      d = Profile.parse(profile).scale().detection();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    double oneX = (double) d.iterations1x() * d.imagesPerBatch();
    return Optional.of(number(variant.schedule().imagesSeen() / oneX) + "x");
  }

  /**
   * The schedule as a multiple of the profile's 1x, in images seen so that a schedule rescaled to another batch
   * keeps its multiple, e.g. {@code 3x}, {@code 0.5x}.
   */
  public static Optional<String> scheduleMultiple(ScheduleSpec schedule, String profile) {
    Scale scale;
    try {
      scale = Profile.parse(profile).scale();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    double oneX = (double) scale.iterations1x() * scale.imagesPerBatch();
    return Optional.of(number(schedule.imagesSeen() / oneX) + "x");
  }

  /** A spec's number as written, without trailing zeros: {@code 0.125}, {@code 0.0025}, {@code 3}. */
  public static String exact(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  /** A number with at most two decimals and no trailing zeros: {@code 3}, {@code 0.25}, {@code 1.33}. */
  public static String number(double x) {
    return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  /** A parameter count with a unit, e.g. {@code 25.56M}, {@code 712.3k}, {@code 950}. */
  public static String parameters(long count) {
    if (count >= 1_000_000) {
      return String.format(Locale.ROOT, "%.2fM", count / 1e6);
    }
    if (count >= 1_000) {
      return String.format(Locale.ROOT, "%.1fk", count / 1e3);
    }
    return Long.toString(count);
  }

  /**
   * A budget as {@code 2.40k img / 9.83M px}, with {@code / 7.1k inst} when instances are not one per image
   * (detection).
   */
  public static String budget(Budget b) {
    String text = count(b.images()) + " img";
    if (b.instances() != b.images()) {
      text += " / " + count(b.instances()) + " inst";
    }
    return text + " / " + count(b.pixels()) + " px";
  }

  /** A count with an SI prefix: {@code 950}, {@code 2.40k}, {@code 9.83M}, {@code 64.2G}. */
  static String count(long n) {
    if (n >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.3gG", n / 1e9);
    }
    if (n >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.3gM", n / 1e6);
    }
    if (n >= 1_000L) {
      return String.format(Locale.ROOT, "%.3gk", n / 1e3);
    }
    return Long.toString(n);
  }

  /** Seconds as {@code 2h03m}, {@code 4m05s} or {@code 12.3s}. */
  public static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    if (s >= 60) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%.1fs", seconds);
  }

  /** The task head, e.g. {@code classifier, 10 classes}. */
  public static String head(ModelSpec model) {
    return model.accept(new ModelSpec.Visitor<>() {
      @Override
      public String classifier(ClassifierSpec spec) {
        return "classifier, " + classes(spec.numClasses());
      }

      @Override
      public String rcnn(RcnnSpec spec) {
        return Stream.concat(Stream.of("boxes"), spec.instanceHeads().stream().map(h -> label(h).outputs()))
            .collect(Collectors.joining(" + ")) + ", " + classes(spec.numClasses()) + ", box head "
            + spec.roiHeads().accept(VariantLabels::boxHeads);
      }
    });
  }

  /** {@code 1 class}, {@code 10 classes}. */
  private static String classes(int n) {
    return n == 1 ? "1 class" : n + " classes";
  }

  /** The box head of the RoI heads' one stage, e.g. {@code 4conv1fc GN(32)}. */
  private static String boxHeads(StandardRoiHeads heads) {
    return heads.boxHead().accept(
        new BoxHeadSpec.Visitor<String>() {
          @Override
          public String twoFc(TwoFc h) {
            return "2fc";
          }

          @Override
          public String convFc(ConvFc h) {
            return h.convs() + "conv" + h.fcs() + "fc " + norm(h.norm());
          }
        });
  }

  /** The input transform, e.g. {@code 224² random-resized crop, flip}. */
  public static String input(InputSpec input) {
    return input.accept(new InputSpec.Visitor<>() {
      @Override
      public String classification(ClassificationInput spec) {
        return spec.size() + "² " + (spec.randomResizedCrop() ? "random-resized crop" : "resize")
            + (spec.horizontalFlip() ? ", flip" : "");
      }

      @Override
      public String detection(DetectionInput spec) {
        String shortSide = spec.minShortSide() == spec.maxShortSide() ? Integer.toString(spec.minShortSide())
            : "[" + spec.minShortSide() + ", " + spec.maxShortSide() + "]";
        return "shorter side " + shortSide + " (test " + spec.testShortSide() + "), longer ≤ " + spec.maxSize()
            + (spec.horizontalFlip() ? ", flip" : "");
      }
    });
  }

  /** The whole schedule, e.g. {@code 150 it (1x), batch 16, LR 0.05, warm-up 20 it from ×0.33, ×0.1 at [50, 130]}. */
  public static String scheduleDetail(ScheduleSpec s, String profile) {
    return detail(s, schedule(s, profile));
  }

  /** {@link #scheduleDetail(ScheduleSpec, String)} with the multiple of the variant's task's 1x. */
  public static String scheduleDetail(VariantSpec v, String profile) {
    return detail(v.schedule(), schedule(v, profile));
  }

  private static String detail(ScheduleSpec s, String label) {
    StringBuilder out = new StringBuilder(label);
    out.append(", batch ").append(s.imagesPerBatch()).append(", LR ").append(exact(s.baseLr()));
    if (s.warmup().iterations() > 0) {
      out.append(", warm-up ").append(s.warmup().iterations()).append(" it from ×")
          .append(number(s.warmup().startFactor()));
    }
    if (!s.milestones().isEmpty()) {
      out.append(", ×").append(exact(s.gamma())).append(" at ").append(s.milestones());
    }
    return out.toString();
  }

  /** The optimizer, e.g. {@code SGD momentum 0.9, weight decay 0.0001 (not on norm parameters)}. */
  public static String optimizer(SgdSpec sgd) {
    return "SGD momentum " + exact(sgd.momentum()) + ", weight decay " + exact(sgd.weightDecay())
        + (sgd.decayNormParameters() ? "" : " (not on norm parameters)");
  }

  /** The metrics and when they run, e.g. {@code top-1, top-5 accuracy at the end}. */
  public static String eval(EvalSpec eval) {
    List<String> metrics = new ArrayList<>();
    for (MetricSpec m : eval.metrics()) {
      metrics.add(m.accept(new MetricSpec.Visitor<>() {
        @Override
        public String accuracy(Accuracy spec) {
          return spec.topK().stream().map(k -> "top-" + k).collect(Collectors.joining(", ")) + " accuracy";
        }

        @Override
        public String cocoAp(CocoAp spec) {
          return "COCO AP (" + spec.iouTypes().stream().map(t -> t.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", ")) + ")";
        }

        @Override
        public String vocMap(VocMap spec) {
          return "VOC mAP@0.5 (" + spec.metric().name().toLowerCase(Locale.ROOT).replace('_', '-') + ")";
        }
      }));
    }
    return String.join("; ", metrics)
        + (eval.period() == 0 ? " at the end" : " every " + eval.period() + " it and at the end");
  }
}
