package dev.rethink.runtime.data;

import com.google.inject.Module;
import dev.rethink.dsl.study.StudySpec;
import java.nio.file.Path;
import java.util.List;

/** TEMPORARY stub of the data branch's contract (replaced when branch {@code data} is merged). */
public final class DataModules {
  private DataModules() {}

  /** The modules that read every dataset of {@code study}. */
  public static List<Module> forStudy(StudySpec study, Path dataRoot, Path cacheDir) {
    throw new UnsupportedOperationException("contract: arrives with branch data");
  }
}
