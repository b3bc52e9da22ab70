package dev.rethink.runtime.data;

/**
 * Bad input data: a missing or corrupt file, an inconsistent annotation, an unreadable dataset layout. The message
 * names the file and, where there is one, the entry (annotation id, image id, class folder).
 */
public class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
