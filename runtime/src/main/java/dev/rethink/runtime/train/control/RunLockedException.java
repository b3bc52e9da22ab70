package dev.rethink.runtime.train.control;

/** Another process (or this one) holds the run directory's lock; the message names it. */
public final class RunLockedException extends RuntimeException {
  public RunLockedException(String message) {
    super(message);
  }
}
