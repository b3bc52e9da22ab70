package dev.rethink.runtime.train.checkpoint;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a checkpoint was not written: the file system holding it is full, with what a user needs to free it.
 *
 * @param directory the checkpoint directory
 * @param bytesNeeded about what a checkpoint takes (the size of the latest one written), -1 if none was written yet
 * @param latest the name of that checkpoint, null if none
 * @param bytesFree what the file system had left after the failed write and the clean-up (-1 if unknown)
 */
public record DiskFull(Path directory, long bytesNeeded, String latest, long bytesFree) {

  /**
   * True if {@code failure} (or a cause of it) is a full file system: ENOSPC or EDQUOT as the JDK and TensorFlow
   * report them ({@code No space left on device}, {@code Disk quota exceeded}), or Windows' {@code not enough
   * space on the disk}.
   */
  public static boolean causes(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("no space left on device") || m.contains("disk quota exceeded")
          || m.contains("not enough space on the disk")) {
        return true;
      }
    }
    return false;
  }

  /** E.g. {@code No space left on device: a checkpoint needs about 5,632,090 bytes (...), 2,662,400 are free}. */
  public String describe() {
    StringBuilder s = new StringBuilder("No space left on device");
    if (bytesNeeded >= 0) {
      s.append(String.format(Locale.ROOT, ": a checkpoint needs about %,d bytes (the size of %s)", bytesNeeded,
          latest));
      if (bytesFree >= 0) {
        s.append(String.format(Locale.ROOT, ", %,d are free", bytesFree));
      }
    } else if (bytesFree >= 0) {
      s.append(String.format(Locale.ROOT, ": %,d bytes are free", bytesFree));
    }
    return s.toString();
  }
}
