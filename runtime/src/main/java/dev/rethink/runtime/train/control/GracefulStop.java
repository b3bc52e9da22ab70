package dev.rethink.runtime.train.control;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request to stop training cleanly: the trainer polls {@link #requested()} after each step, and when it is set
 * writes a checkpoint, records the variant as interrupted and returns; then {@link #close()} lets the process exit.
 *
 * <p>{@link #onSignals} takes the request from SIGINT (Ctrl-C), SIGTERM ({@code kill}, a batch scheduler's
 * pre-emption) and SIGHUP through a JVM shutdown hook: the standard API, unlike {@code sun.misc.Signal} (an
 * unsupported JDK-internal interface). The JVM runs shutdown hooks while the other threads go on, so the hook
 * sets the request and waits — at most the grace period — for the training thread to finish its step and its
 * checkpoint; when the hook returns the JVM exits (status 130 after SIGINT, 143 after SIGTERM). A run past the
 * grace period is cut off like a SIGKILL: it loses the steps since its last checkpoint, nothing more.
 */
public final class GracefulStop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

  /** How long a signal waits for the step and checkpoint in progress before the JVM exits anyway. */
  public static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private GracefulStop(Duration grace, boolean install) {
    if (install) {
      hook = new Thread(() -> {
        if (finished.getCount() == 0) {
          return;
        }
        requested.set(true);
        LOG.warn("stop requested (signal): finishing the current step and writing a checkpoint (waiting at most"
            + " {} s)", grace.toSeconds());
        try {
          if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.error("training did not stop within {} s; exiting without a final checkpoint", grace.toSeconds());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "rethink-graceful-stop");
      Runtime.getRuntime().addShutdownHook(hook);
    } else {
      hook = null;
    }
  }

  /** Stops on SIGINT, SIGTERM or SIGHUP, waiting at most {@code grace} for the checkpoint. */
  public static GracefulStop onSignals(Duration grace) {
    return new GracefulStop(grace, true);
  }

  /** Stops only when {@link #request()} is called (tests, embedding applications). */
  public static GracefulStop manual() {
    return new GracefulStop(Duration.ZERO, false);
  }

  /** True once a stop was requested. */
  public boolean requested() {
    return requested.get();
  }

  /** Requests a stop. */
  public void request() {
    requested.set(true);
  }

  /** Training has stopped (or ended): a pending signal may now let the JVM exit; the hook is removed. */
  @Override
  public void close() {
    finished.countDown();
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running and returns now that `finished` is counted down.
      }
    }
  }
}
