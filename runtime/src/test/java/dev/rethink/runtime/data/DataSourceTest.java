package dev.rethink.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import dev.rethink.dsl.backbone.ResNetSpec;
import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.CocoSubset;
import dev.rethink.dsl.data.DetectionInput;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.study.Profile;
import dev.rethink.dsl.study.Scale;
import dev.rethink.dsl.study.Study;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.data.folder.ImageFolderDataModule;
import dev.rethink.runtime.data.synthetic.SyntheticDataModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
  @TempDir
  Path dir;

  private static final SyntheticClassification SMALL =
      new SyntheticClassification(SyntheticClassification.Task.TARGET, 3, 4, 2, 16, 5);

  private static StudySpec study(VariantSpec... variants) {
    Study s = new Study() {
      @Override
      public String name() {
        return "DataTest";
      }

      @Override
      public String description() {
        return "data modules";
      }

      @Override
      public StudySpec define(Profile profile) {
        return StudySpec.of(this, profile, variants);
      }
    };
    return s.define(Profile.QUICK);
  }

  private static VariantSpec variant(String name) {
    return VariantSpec.classifier(name, Scale.QUICK, ResNetSpec.of(50)).withData(SMALL);
  }

  @Test
  void forStudyInstallsExactlyTheModulesItsDatasetsNeed() {
    List<Module> synthetic = DataModules.forStudy(study(variant("a"), variant("b")), dir, dir);
    assertEquals(List.of(SyntheticDataModule.class), synthetic.stream().map(Object::getClass).toList());
    List<Module> both = DataModules.forStudy(study(variant("a"), variant("b").withData(new ImageFolder("imnet", 1000))),
        dir, dir);
    assertEquals(List.of(SyntheticDataModule.class, ImageFolderDataModule.class),
        both.stream().map(Object::getClass).toList());
    Guice.createInjector(both).getInstance(DataSource.class); // the two modules install one DataSourceModule
  }

  @Test
  void opensASyntheticSetThroughTheInjector() throws Exception {
    List<Module> modules = new ArrayList<>(DataModules.forStudy(study(variant("a")), dir.resolve("data"),
        dir.resolve("cache")));
    modules.add(new AbstractModule() {
      @Override
      protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), PipelineSettings.class).setBinding()
            .toInstance(PipelineSettings.defaults().withThreads(1));
      }
    });
    Injector injector = Guice.createInjector(modules);
    ClassificationData data = injector.getInstance(DataSource.class)
        .classification(SMALL, new ClassificationInput(16, false, true));
    assertEquals(3, data.numClasses());
    assertEquals(12, data.trainSize());
    assertEquals(6, data.evalSize());
    try (BatchStream<ImageBatch> s = data.train(0, 4, 0)) {
      ImageBatch b = s.next();
      assertEquals(4, b.size());
      assertEquals(16, b.height());
    }
  }

  @Test
  void opensSyntheticDetectionSetsThroughTheirReaders() throws Exception {
    SyntheticCoco coco = SyntheticCoco.instances(12, 3, 64, 4).withSubset(new CocoSubset(8, 1));
    List<Module> modules = DataModules.forStudy(study(variant("a").withData(coco),
        variant("b").withData(new SyntheticVoc(4, 2, 64, 2))), dir, dir.resolve("cache"));
    assertEquals(List.of(SyntheticDataModule.class), modules.stream().map(Object::getClass).toList());
    DataSource source = Guice.createInjector(modules).getInstance(DataSource.class);
    DetectionInput input = DetectionInput.fixed(48, 64);

    DetectionData data = source.detection(coco, input);
    assertEquals(10, data.numClasses());
    assertEquals(List.of(1L, 2L, 3L, 5L, 7L, 8L, 11L, 13L, 17L, 19L), data.categoryIds());
    assertEquals(8, data.trainSize() + data.skipped().values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(3, data.evalSize());
    assertEquals(8, data.subset().orElseThrow().images());
    assertEquals(1, data.subset().orElseThrow().seed());
    try (BatchStream<DetectionBatch> s = data.train(0, 2, 0)) {
      DetectionBatch b = s.next();
      assertEquals(64, b.width(), "shorter side 48, longer capped at 64, padded to 64");
    }
    assertEquals(data.subset(), source.detection(coco, input).subset(), "the same subset on reopening");

    DetectionData voc = source.detection(new SyntheticVoc(4, 2, 64, 2), input);
    assertEquals(2, voc.evalSize());
    assertTrue(voc.evalSet().images().get(0).name().startsWith("VOC2012/"));
    assertThrows(DataException.class, () -> source.classification(coco, new ClassificationInput(16, false, true)));
    assertThrows(DataException.class, () -> source.detection(SMALL, input));
  }

  @Test
  void aDatasetWithoutItsModuleIsAClearError() {
    DataSource source = Guice.createInjector(new ImageFolderDataModule(dir)).getInstance(DataSource.class);
    DataException e = assertThrows(DataException.class,
        () -> source.classification(SMALL, new ClassificationInput(16, false, true)));
    assertTrue(e.getMessage().contains("SyntheticDataModule"), e.getMessage());
    DataException coco = assertThrows(DataException.class,
        () -> source.detection(dev.rethink.dsl.data.Coco.instances2017("coco"), DetectionInput.detectron()));
    assertTrue(coco.getMessage().contains("CocoDataModule"), coco.getMessage());
  }
}
