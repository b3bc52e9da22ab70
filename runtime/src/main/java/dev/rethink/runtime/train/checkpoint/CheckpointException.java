package dev.rethink.runtime.train.checkpoint;

import java.util.Optional;

/**
 * A checkpoint could not be written or read. A failed write leaves the previously published checkpoint as the
 * latest one; the message says which, and {@link #diskFull()} says how much space is missing when that was why.
 */
public final class CheckpointException extends RuntimeException {
  private final transient DiskFull diskFull;

  public CheckpointException(String message, Throwable cause) {
    this(message, cause, null);
  }

  public CheckpointException(String message) {
    super(message);
    this.diskFull = null;
  }

  CheckpointException(String message, Throwable cause, DiskFull diskFull) {
    super(message, cause);
    this.diskFull = diskFull;
  }

  /** Set when the write failed because the file system is full. */
  public Optional<DiskFull> diskFull() {
    return Optional.ofNullable(diskFull);
  }
}
