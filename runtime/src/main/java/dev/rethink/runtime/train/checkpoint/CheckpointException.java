package dev.rethink.runtime.train.checkpoint;

/**
 * A checkpoint could not be written or read. A failed write leaves the previously published checkpoint as the
 * latest one; the message says which.
 */
public final class CheckpointException extends RuntimeException {
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }

  public CheckpointException(String message) {
    super(message);
  }
}
