package dev.rethink.runtime.train.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rethink.runtime.report.provenance.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The exclusive right to write a run directory: an OS file lock ({@link FileChannel#tryLock()}, {@code fcntl} on
 * Linux) on {@code run.lock}, which records who holds it. The OS releases the lock when the holding process dies,
 * even by SIGKILL, so a crashed run never blocks the next one; a second live process is refused with a message
 * naming the holder's PID, host and start time. The file itself stays (deleting it would let two processes lock two
 * different files of the same name).
 *
 * <p>A POSIX process loses all its locks on a file when it closes <em>any</em> descriptor of it, so a process never
 * opens the lock file of a directory it already holds: the directories held by this JVM are tracked here.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file in the run directory. */
  public static final String FILE = "run.lock";

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Set<Path> HELD = new HashSet<>();

  /**
   * Who holds the lock, as written in {@code run.lock}.
   *
   * @param pid process id
   * @param host host name
   * @param since when the lock was taken (ISO-8601)
   */
  public record Holder(long pid, String host, String since) {
    /** This process, now. */
    static Holder current() {
      return new Holder(ProcessHandle.current().pid(), Platform.hostName(), Instant.now().toString());
    }

    String describe() {
      return "process " + pid + " on " + host + " (since " + since + ")";
    }
  }

  private final Path file;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, Path key, FileChannel channel, FileLock lock) {
    this.file = file;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code runDir} (created if missing) for this process.
   *
   * @throws RunLockedException if another process, or this one, holds it
   * @throws UncheckedIOException if the lock file cannot be created
   */
  public static RunLock acquire(Path runDir) {
    Path file = runDir.resolve(FILE);
    try {
      Files.createDirectories(runDir);
      Path key = runDir.toRealPath();
      synchronized (HELD) {
        if (HELD.contains(key)) {
          throw new RunLockedException("run directory " + runDir + " is already in use by this process ("
              + ProcessHandle.current().pid() + ")");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
          channel.close();
          throw e;
        }
        if (lock == null) {
          String holder = readHolder(channel);
          channel.close();
          throw inUse(runDir, holder);
        }
        Holder me = Holder.current();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((JSON.writeValueAsString(me) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        HELD.add(key);
        return new RunLock(file, key, channel, lock);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails fast if another process holds {@code runDir}'s lock, so that a second run is refused before it generates
   * or loads any data. Takes nothing and creates nothing (a directory without a lock file is free); the run still
   * takes the lock with {@link #acquire}, which settles a race between two processes starting together.
   *
   * @throws RunLockedException naming the holder's PID, host and start time
   */
  public static void requireFree(Path runDir) {
    Path file = runDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      Path key = runDir.toRealPath();
      synchronized (HELD) {
        if (HELD.contains(key)) {
          throw new RunLockedException("run directory " + runDir + " is already in use by this process ("
              + ProcessHandle.current().pid() + ")");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          FileLock lock = channel.tryLock();
          if (lock == null) {
            throw inUse(runDir, readHolder(channel));
          }
          lock.release();
        }
      }
    } catch (IOException e) {
      // Cannot probe (e.g. a read-only file): acquire() reports it when the run takes the lock.
    }
  }

  private static RunLockedException inUse(Path runDir, String holder) {
    return new RunLockedException("run directory " + runDir + " is in use by " + holder + "; wait for that run to"
        + " end or stop it (a killed run releases the lock by itself), or choose another --out");
  }

  /** The holder recorded in the lock file, read through the channel already open (see the class comment). */
  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    try {
      return JSON.readValue(text, Holder.class).describe();
    } catch (IOException e) {
      // The holder is between taking the lock and writing its name.
      return "another process";
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Releases the lock. */
  @Override
  public void close() {
    synchronized (HELD) {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release " + file, e);
      } finally {
        HELD.remove(key);
      }
    }
  }
}
