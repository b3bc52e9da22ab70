package dev.rethink.runtime.data;

/** Detection batches produced ahead by a pool of threads; the detection counterpart of {@link BatchStream}. */
public interface DetectionBatchStream extends AutoCloseable {

  /** The next batch, waiting for it if needed; {@code null} after the last one of a finite stream. */
  DetectionBatch next() throws InterruptedException;

  /** Seconds the caller has spent blocked in {@link #next()} so far. */
  double waitSeconds();

  @Override
  void close();
}
