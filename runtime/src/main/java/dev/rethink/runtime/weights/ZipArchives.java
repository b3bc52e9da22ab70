package dev.rethink.runtime.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/** The zip containers ({@code .pth}, {@code .npz}): opening one, or an error that names the file and its kind. */
final class ZipArchives {
  private ZipArchives() {}

  /** Opens {@code file}; {@code kind} names the expected format in the error, e.g. {@code ".npz (zip)"}. */
  static ZipFile open(Path file, String kind) throws WeightsFileException {
    try {
      return new ZipFile(file.toFile());
    } catch (IOException e) {
      throw new WeightsFileException(file, null, "not a readable " + kind + " archive (truncated or corrupt?): "
          + e.getMessage(), e);
    }
  }
}
