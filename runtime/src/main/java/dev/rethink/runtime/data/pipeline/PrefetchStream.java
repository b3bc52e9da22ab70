package dev.rethink.runtime.data.pipeline;

import dev.rethink.runtime.data.BatchStream;
import dev.rethink.runtime.data.DataException;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Batches {@code first, first + 1, ..., end - 1} built by a pool of threads, at most {@code window} ahead of the
 * consumer. Each batch's items are spread over the pool; batches come out in index order, so the output is a
 * function of the batch jobs alone, not of how many threads run them or how fast.
 *
 * @param <B> the batch type
 */
public final class PrefetchStream<B> implements BatchStream<B> {
  private static final AtomicInteger STREAMS = new AtomicInteger();

  private final ExecutorService pool;
  private final int window;
  private final LongFunction<BatchJob<B>> jobs;
  private final long end;
  private final ArrayDeque<CompletableFuture<B>> inFlight = new ArrayDeque<>();
  private long nextToSubmit;
  private final AtomicLong waitNanos = new AtomicLong();
  private boolean closed;

  /**
   * @param name thread-name prefix
   * @param threads pool threads
   * @param window batches in flight at most (the prefetch bound)
   * @param first first batch index
   * @param end one past the last batch index ({@link Long#MAX_VALUE} for an endless stream)
   * @param jobs the job of each batch index; called on the consumer thread
   */
  public PrefetchStream(String name, int threads, int window, long first, long end, LongFunction<BatchJob<B>> jobs) {
    if (threads < 1 || window < 1 || first < 0 || end < first) {
      throw new IllegalArgumentException("threads " + threads + ", window " + window + ", batches [" + first
          + ", " + end + ")");
    }
    this.window = window;
    this.jobs = jobs;
    this.end = end;
    this.nextToSubmit = first;
    String prefix = name + "-" + STREAMS.incrementAndGet() + "-";
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(threads, factory);
    fill();
  }

  /**
   * The next batch in index order, waiting for it if needed; {@code null} after the last. One consumer thread
   * calls this; {@link #close()} and {@link #waitSeconds()} may be called from any thread.
   *
   * @throws DataException if preparing the batch failed (the message names the file); the stream is closed
   */
  public B next() throws InterruptedException {
    CompletableFuture<B> head;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("stream is closed");
      }
      fill();
      head = inFlight.poll();
    }
    if (head == null) {
      return null;
    }
    long t0 = System.nanoTime();
    try {
      return head.get();
    } catch (ExecutionException e) {
      close();
      Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
          : e.getCause();
      if (cause instanceof DataException d) {
        throw new DataException(d.getMessage(), d);
      }
      throw new DataException("input pipeline failed: " + cause, cause);
    } catch (CancellationException e) {
      throw new IllegalStateException("stream was closed while waiting", e);
    } finally {
      waitNanos.addAndGet(System.nanoTime() - t0);
      synchronized (this) {
        if (!closed) {
          fill();
        }
      }
    }
  }

  /** Seconds spent blocked in {@link #next()} so far. */
  public double waitSeconds() {
    return waitNanos.get() * 1e-9;
  }

  private void fill() {
    while (inFlight.size() < window && nextToSubmit < end) {
      inFlight.add(submit(jobs.apply(nextToSubmit++)));
    }
  }

  private CompletableFuture<B> submit(BatchJob<B> job) {
    CompletableFuture<?>[] items = new CompletableFuture<?>[job.items()];
    for (int i = 0; i < items.length; i++) {
      int item = i;
      items[i] = CompletableFuture.runAsync(() -> {
        try {
          job.item(item);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }, pool);
    }
    return CompletableFuture.allOf(items).thenApplyAsync(ignored -> job.finish(), pool);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    inFlight.forEach(f -> f.cancel(true));
    inFlight.clear();
    pool.shutdownNow();
  }
}
