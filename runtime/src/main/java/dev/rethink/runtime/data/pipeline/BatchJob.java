package dev.rethink.runtime.data.pipeline;

/**
 * The work of one batch: {@link #items()} independent items (images), each run once on a pool thread in any
 * order, then {@link #finish()} once all are done. An item's result must depend only on the item, never on
 * the order or thread it ran on.
 *
 * @param <B> the batch type
 */
public interface BatchJob<B> {

  /** Number of items. */
  int items();

  /** Prepares item {@code i} (decode, augment, write into the batch). */
  void item(int i) throws Exception;

  /** Assembles the batch; called after every item has completed. */
  B finish();
}
