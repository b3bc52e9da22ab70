package dev.rethink.runtime.data;

/**
 * Batches produced ahead by a pool of threads: {@link ImageBatch}es of a {@link ClassificationData}, {@link
 * DetectionBatch}es of a {@link DetectionData}.
 *
 * @param <B> the batch type
 */
public interface BatchStream<B> extends AutoCloseable {
  /** The next batch, waiting for it if needed; {@code null} after the last one of a finite stream. */
  B next() throws InterruptedException;

  /** Seconds the caller has spent blocked in {@link #next()} so far (the trainer's data-wait share). */
  double waitSeconds();

  @Override
  void close();
}
