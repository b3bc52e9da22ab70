package dev.rethink.runtime.testing;

import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.exceptions.TFResourceExhaustedException;

/**
 * The local file system, full from a given training step on: from then, every checkpoint save fails as
 * TensorFlow's {@code Session.save} fails on ENOSPC (it writes part of its temporary file, then throws
 * {@link TFResourceExhaustedException} with the message below, copied from a real full tmpfs), whatever is
 * deleted to make room. Bind it over {@link dev.rethink.runtime.train.checkpoint.CheckpointFiles} to put the real trainer on a full disk.
 */
public final class DiskFullFrom extends ForwardingCheckpointFiles {
  private static final Pattern STEP = Pattern.compile("step-(\\d+)");

  private final long fromStep;
  private final long freeBytes;
  private final List<Long> failedSaves = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param fromStep the first step whose checkpoint does not fit
   * @param freeBytes what the file system reports free once full
   */
  public DiskFullFrom(long fromStep, long freeBytes) {
    this.fromStep = fromStep;
    this.freeBytes = freeBytes;
  }

  /** The steps of the saves that failed, in order (a step twice: a save tried again). */
  public List<Long> failedSaves() {
    synchronized (failedSaves) {
      return List.copyOf(failedSaves);
    }
  }

  @Override
  public void save(CheckpointManager.Saver saver, Path prefix) {
    Matcher m = STEP.matcher(prefix.getParent().getFileName().toString());
    long step = m.find() ? Long.parseLong(m.group(1)) : -1;
    if (step < fromStep) {
      real.save(saver, prefix);
      return;
    }
    failedSaves.add(step);
    Path temp = prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001.tempstate5925484766757129119");
    try {
      Files.write(temp, new byte[(int) Math.min(freeBytes, 1 << 16)]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new TFResourceExhaustedException(temp + "; No space left on device\n\t [[{{node save/Save}}]]\nHint: If"
        + " you want to see a list of allocated tensors when OOM happens, add report_tensor_allocations_upon_oom to"
        + " RunOptions for current allocation info. This isn't available when running in Eager mode.\n");
  }

  @Override
  public long usableSpace(Path dir) {
    return freeBytes;
  }
}
