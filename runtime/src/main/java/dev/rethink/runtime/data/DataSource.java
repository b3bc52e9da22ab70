package dev.rethink.runtime.data;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;

/**
 * Opens the datasets a study names. Each dataset kind is read by a reader that a data module contributes
 * ({@code SyntheticDataModule}, {@code ImageFolderDataModule}, ...; {@link DataModules#forStudy} lists the ones a
 * study needs); a kind whose module is not installed is an error saying which module to install.
 */
public interface DataSource {

  /**
   * A classification dataset with the given input transform.
   *
   * @throws DataException if the dataset is missing or malformed, or is not a classification dataset
   */
  ClassificationData classification(DatasetSpec dataset, ClassificationInput input);

  /**
   * A detection dataset with the given input transform. Loading checks every annotation up front; images the
   * reference code would skip are skipped and counted ({@link DetectionData#skipped()}).
   *
   * @throws DataException if the dataset is missing or malformed, or is not a detection dataset
   */
  DetectionData detection(DatasetSpec dataset, DetectionInput input);
}
