package dev.rethink.runtime.eval.coco;

/** A COCO annotations or results file that breaks the format; the message names the file, entry and field. */
public final class CocoFormatException extends IllegalArgumentException {
  public CocoFormatException(String message) {
    super(message);
  }

  public CocoFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
