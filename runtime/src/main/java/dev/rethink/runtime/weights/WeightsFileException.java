package dev.rethink.runtime.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A weights file that cannot be read: truncated or corrupt, an unknown dtype, or a content that is no set of
 * tensors. The message names the file and, where the problem belongs to one, the tensor.
 */
public final class WeightsFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String tensor;

  WeightsFileException(Path file, String tensor, String problem, Throwable cause) {
    super(file + (tensor == null ? "" : ": tensor '" + tensor + "'") + ": " + problem, cause);
    this.file = file;
    this.tensor = tensor;
  }

  WeightsFileException(Path file, String tensor, String problem) {
    this(file, tensor, problem, null);
  }

  /** The file that could not be read. */
  public Path file() {
    return file;
  }

  /** The tensor the problem belongs to, when it belongs to one. */
  public Optional<String> tensor() {
    return Optional.ofNullable(tensor);
  }
}
