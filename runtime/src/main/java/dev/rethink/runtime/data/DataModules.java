package dev.rethink.runtime.data;

import com.google.inject.Module;
import dev.rethink.dsl.data.Coco;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.ImageFolder;
import dev.rethink.dsl.data.SyntheticClassification;
import dev.rethink.dsl.data.SyntheticCoco;
import dev.rethink.dsl.data.SyntheticVoc;
import dev.rethink.dsl.data.Voc;
import dev.rethink.dsl.study.StudySpec;
import dev.rethink.dsl.study.VariantSpec;
import dev.rethink.runtime.data.coco.CocoDataModule;
import dev.rethink.runtime.data.folder.ImageFolderDataModule;
import dev.rethink.runtime.data.synthetic.SyntheticDataModule;
import dev.rethink.runtime.data.voc.VocDataModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data modules a study needs: one per kind of dataset its variants read, each once. */
public final class DataModules {
  private DataModules() {}

  /**
   * The modules that read every dataset of {@code study}.
   *
   * @param dataRoot where datasets on disk live (relative dataset roots resolve against it)
   * @param cacheDir where synthetic datasets are generated
   */
  public static List<Module> forStudy(StudySpec study, Path dataRoot, Path cacheDir) {
    Map<Class<?>, Module> modules = new LinkedHashMap<>();
    DatasetSpec.Visitor<Module> moduleFor = new DatasetSpec.Visitor<>() {
      @Override
      public Module syntheticClassification(SyntheticClassification spec) {
        return new SyntheticDataModule(cacheDir);
      }

      @Override
      public Module imageFolder(ImageFolder spec) {
        return new ImageFolderDataModule(dataRoot);
      }

      @Override
      public Module coco(Coco spec) {
        return new CocoDataModule(dataRoot);
      }

      @Override
      public Module syntheticCoco(SyntheticCoco spec) {
        return new SyntheticDataModule(cacheDir);
      }

      @Override
      public Module voc(Voc spec) {
        return new VocDataModule(dataRoot);
      }

      @Override
      public Module syntheticVoc(SyntheticVoc spec) {
        return new SyntheticDataModule(cacheDir);
      }
    };
    for (VariantSpec v : study.variants()) {
      Module m = v.data().accept(moduleFor);
      modules.putIfAbsent(m.getClass(), m);
    }
    return new ArrayList<>(modules.values());
  }
}
