package dev.rethink.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.init.FromVariant;
import dev.rethink.dsl.init.MsraFill;
import dev.rethink.dsl.model.ClassifierSpec;
import dev.rethink.dsl.model.RcnnSpec;
import dev.rethink.dsl.model.detection.BoxHeadSpec;
import dev.rethink.dsl.model.detection.ConvFc;
import dev.rethink.dsl.model.detection.StandardRoiHeads;
import dev.rethink.dsl.model.detection.TwoFc;
import dev.rethink.dsl.schedule.ScheduleSpec;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;

/**
 * What every detection study's paper profile shares with the protocol (studies/README.md, "Protocol";
 * numbers typed from it, not read from the code under test): the optimizer, MSRA init from scratch, and fine-tuning
 * from ImageNet pre-training with GN fine-tuned.
 */
final class PaperProtocolAssertions {
  /** ImageNet-1k training images (ILSVRC-2012). */
  static final int IMAGENET_TRAIN_IMAGES = 1_281_167;

  private PaperProtocolAssertions() {}

  /** Batch 16, LR 0.02, linear warm-up of 500 iterations from 1/3, ÷10 at each drop, momentum 0.9, wd 1e-4. */
  static void assertDetectionOptimizer(VariantSpec v) {
    ScheduleSpec s = v.schedule();
    assertEquals(16, s.imagesPerBatch(), v.name());
    assertEquals(0.02, s.baseLr(), v.name());
    assertEquals(500, s.warmup().iterations(), v.name());
    assertEquals(1.0 / 3.0, s.warmup().startFactor(), 1e-15, v.name());
    assertEquals(0.1, s.gamma(), v.name());
    assertEquals(0.9, v.optimizer().momentum(), v.name());
    assertEquals(1e-4, v.optimizer().weightDecay(), v.name());
  }

  /**
   * {@code scratch} starts from MSRA init with nothing frozen; {@code pretrained} from the variant {@code pretrain},
   * nothing frozen (fine-tuned GN); {@code pretrain} is ImageNet classification of the same backbone: 1000 classes at
   * 224², about 100 epochs of its 1.28M images (paper Fig. 2: ~128M image samples).
   */
  static void assertScratchAndImageNetFineTuning(StudySpec paper, String scratch, String pretrained) {
    VariantSpec s = paper.variant(scratch).orElseThrow();
    assertInstanceOf(MsraFill.class, s.init().weights());
    assertEquals(0, s.init().freezeAt());
    VariantSpec p = paper.variant(pretrained).orElseThrow();
    assertEquals(new FromVariant("pretrain"), p.init().weights());
    assertEquals(0, p.init().freezeAt(), "fine-tuned GN, nothing frozen");
    VariantSpec pretrain = paper.variant("pretrain").orElseThrow();
    ClassifierSpec c = assertInstanceOf(ClassifierSpec.class, pretrain.model());
    assertEquals(p.model().backbone(), c.backbone());
    assertEquals(ImageFolder.imagenet(), pretrain.data());
    assertEquals(1000, c.numClasses());
    assertEquals(224, ((ClassificationInput) pretrain.input()).size());
    assertEquals(100, (double) pretrain.schedule().imagesSeen() / IMAGENET_TRAIN_IMAGES, 0.01);
  }

  /** The box head of a detector's RoI heads (one standard stage in every bundled study). */
  static BoxHeadSpec boxHead(RcnnSpec spec) {
    return spec.roiHeads().accept(StandardRoiHeads::boxHead);
  }

  /** True for the paper's 4conv1fc head shape (4 convs, 1 fc), whatever its widths. */
  static boolean is4conv1fc(BoxHeadSpec head) {
    return head.accept(new BoxHeadSpec.Visitor<>() {
      @Override
      public Boolean twoFc(TwoFc h) {
        return false;
      }

      @Override
      public Boolean convFc(ConvFc c) {
        return c.convs() == ConvFc.CONVS && c.fcs() == ConvFc.FCS;
      }
    });
  }
}
