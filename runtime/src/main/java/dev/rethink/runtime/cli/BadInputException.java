package dev.rethink.runtime.cli;

/**
 * An input file the command cannot use (exit code 2): the message names the file and the entry, and the command
 * line itself was well formed, so no help is suggested.
 */
final class BadInputException extends RuntimeException {
  BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
