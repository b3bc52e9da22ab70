package dev.rethink.runtime.data;

import dev.rethink.dsl.data.ClassificationInput;
import dev.rethink.dsl.data.DatasetSpec;

/**
 * Opens classification datasets of one spec kind; a data module contributes it with
 * {@link DataBindings#classificationReaders}, keyed by the spec class.
 *
 * @param <S> the dataset spec kind it reads
 */
public interface ClassificationReader<S extends DatasetSpec> {

  ClassificationData open(S spec, ClassificationInput input);
}
