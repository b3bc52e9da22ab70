package dev.rethink.runtime.data;

import dev.rethink.dsl.data.DatasetSpec;
import dev.rethink.dsl.data.DetectionInput;

/**
 * Opens detection datasets of one spec kind; a data module contributes it with
 * {@link DataBindings#detectionReaders}, keyed by the spec class.
 *
 * @param <S> the dataset spec kind it reads
 */
public interface DetectionReader<S extends DatasetSpec> {

  DetectionData open(S spec, DetectionInput input);
}
