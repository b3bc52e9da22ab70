package dev.rethink.runtime.train;

/** Training batches as {@link Feeds}, prepared ahead by the task's input pipeline. */
interface FeedStream extends AutoCloseable {

  /** The next batch, waiting for it if needed; {@code null} after the last one of a finite stream. */
  Feeds next() throws InterruptedException;

  /** Seconds spent blocked in {@link #next()} so far (the data-wait share of the training lines). */
  double waitSeconds();

  @Override
  void close();
}
