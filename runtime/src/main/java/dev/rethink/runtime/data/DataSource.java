package dev.rethink.runtime.data;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;

/** TEMPORARY copy of the data branch's contract (replaced when branch {@code data} is merged). */
public interface DataSource {

  /** A classification dataset with the given input transform. */
  ClassificationData classification(DatasetSpec dataset, ClassificationInput input);
}
