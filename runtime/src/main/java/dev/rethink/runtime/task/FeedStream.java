package dev.rethink.runtime.task;

import dev.rethink.runtime.data.BatchStream;
import java.util.function.Function;

/** Training batches as {@link Feeds}, prepared ahead by the task's input pipeline. */
public interface FeedStream extends AutoCloseable {

  /** The next batch, waiting for it if needed; {@code null} after the last one of a finite stream. */
  Feeds next() throws InterruptedException;

  /** Seconds spent blocked in {@link #next()} so far (the data-wait share of the training lines). */
  double waitSeconds();

  @Override
  void close();

  /** {@code batches}, each turned into feeds by {@code toFeeds} on the training thread. */
  static <B> FeedStream of(BatchStream<B> batches, Function<B, Feeds> toFeeds) {
    return new FeedStream() {
      @Override
      public Feeds next() throws InterruptedException {
        B b = batches.next();
        return b == null ? null : toFeeds.apply(b);
      }

      @Override
      public double waitSeconds() {
        return batches.waitSeconds();
      }

      @Override
      public void close() {
        batches.close();
      }
    };
  }
}
