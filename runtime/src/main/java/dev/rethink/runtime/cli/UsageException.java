package dev.rethink.runtime.cli;

/** A command line that cannot be run as given (exit code 2); the message says what to change. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
