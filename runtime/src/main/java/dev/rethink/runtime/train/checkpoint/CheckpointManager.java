package dev.rethink.runtime.train.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rethink.runtime.report.Budget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one variant, in one directory:
 *
 * <pre>
 * checkpoint.json                 which checkpoints exist, the latest, each file's size and CRC32C
 * step-00001200/variables.index   Session.save files of the state after 1200 iterations
 * step-00001200/variables.data-00000-of-00001
 * </pre>
 *
 * <p>A save writes into {@code .tmp-step-…/}, syncs every file and the directory, renames the directory to
 * {@code step-…/} (one atomic rename), then writes {@code checkpoint.json.tmp}, syncs it and renames it over
 * {@code checkpoint.json} (a second atomic rename): until that last rename, {@code checkpoint.json} names the
 * previous checkpoint, whose files nothing touches. A crash or a full disk at any point therefore leaves the
 * previous checkpoint the latest and usable. The checkpoints that the new one pushes beyond the last {@code keep}
 * are removed before it is written (never the latest), and on a full disk the older ones too, before one more
 * attempt (see {@link #save}). Opening the directory removes what an interrupted save left behind. The atomic
 * renames and directory syncs follow POSIX {@code rename(2)} / {@code fsync(2)} semantics (ext4, xfs...).
 */
public final class CheckpointManager {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointManager.class);

  /** The pointer file. */
  public static final String POINTER = "checkpoint.json";
  /** The {@code Session.save} prefix inside each checkpoint directory. */
  public static final String VARIABLES = "variables";
  private static final String TMP = ".tmp-";
  private static final String POINTER_TMP = POINTER + ".tmp";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** Saves the session's variables to a prefix ({@code Session::save}). */
  @FunctionalInterface
  public interface Saver {
    void save(Path prefix);
  }

  /** One file of a checkpoint, as recorded in the pointer. */
  record FileEntry(String name, long bytes, String crc32c) {}

  /** One checkpoint, as recorded in the pointer; {@code written} is an ISO-8601 instant. */
  record Entry(String name, long step, String written, Budget seen, Double wallSeconds, List<FileEntry> files) {}

  /** {@code checkpoint.json}. */
  record Pointer(String latest, List<Entry> checkpoints) {}

  private final Path dir;
  private final int keep;
  private final CheckpointFiles files;
  private List<Entry> entries;
  private int removedForSpace;

  private CheckpointManager(Path dir, int keep, CheckpointFiles files, List<Entry> entries) {
    this.dir = dir;
    this.keep = keep;
    this.files = files;
    this.entries = entries;
  }

  /**
   * Opens (creating it if needed) the checkpoint directory, keeping the last {@code keep} checkpoints, and
   * removes what an interrupted save left behind.
   *
   * @throws CheckpointException naming the file if {@code checkpoint.json} is malformed
   */
  public static CheckpointManager open(Path dir, int keep) {
    return open(dir, keep, CheckpointFiles.system());
  }

  /** {@link #open(Path, int)} through other file operations (a test's full disk). */
  public static CheckpointManager open(Path dir, int keep, CheckpointFiles files) {
    if (keep < 1) {
      throw new IllegalArgumentException("checkpoints to keep must be >= 1, was " + keep);
    }
    try {
      files.createDirectory(dir);
      List<Entry> entries = readPointer(dir, files);
      Set<String> listed = new HashSet<>();
      entries.forEach(e -> listed.add(e.name()));
      listed.add(POINTER);
      for (Path p : files.list(dir)) {
        String name = p.getFileName().toString();
        if (!listed.contains(name)) {
          // A temporary directory, a published directory whose pointer update did not happen, a stale pointer
          // copy, or a checkpoint beyond `keep` whose deletion failed: none is referenced by checkpoint.json.
          LOG.info("removing {}: not referenced by {}", p, POINTER);
          files.deleteTree(p);
        }
      }
      return new CheckpointManager(dir, keep, files, new ArrayList<>(entries));
    } catch (IOException e) {
      throw new CheckpointException("cannot open the checkpoint directory " + dir + ": " + e, e);
    }
  }

  /**
   * The checkpoints {@code checkpoint.json} in {@code dir} records, oldest first, read without changing anything
   * (unlike {@link #open}) and without verifying their files; empty if there is none.
   *
   * @throws CheckpointException naming the file if {@code checkpoint.json} is malformed or unreadable
   */
  public static List<Checkpoint> published(Path dir) {
    try {
      CheckpointManager m = new CheckpointManager(dir, 1, CheckpointFiles.system(),
          readPointer(dir, CheckpointFiles.system()));
      return m.checkpoints();
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + dir.resolve(POINTER) + ": " + e, e);
    }
  }

  private static List<Entry> readPointer(Path dir, CheckpointFiles files) throws IOException {
    Path pointer = dir.resolve(POINTER);
    if (!files.exists(pointer)) {
      return List.of();
    }
    Pointer p;
    try {
      p = JSON.readValue(files.read(pointer), Pointer.class);
    } catch (IOException e) {
      throw new CheckpointException(pointer + ": not a checkpoint pointer: " + e.getMessage(), e);
    }
    if (p.checkpoints() == null) {
      throw new CheckpointException(pointer + ": \"checkpoints\" is missing");
    }
    List<Entry> sorted = new ArrayList<>(p.checkpoints());
    sorted.sort(Comparator.comparingLong(Entry::step));
    return sorted;
  }

  /** The same checkpoints through other file operations (tests fail them). */
  CheckpointManager using(CheckpointFiles other) {
    return new CheckpointManager(dir, keep, other, new ArrayList<>(entries));
  }

  /** The checkpoint directory. */
  public Path directory() {
    return dir;
  }

  /** The published checkpoints, oldest first (their files are not verified here; see {@link #latest()}). */
  public List<Checkpoint> checkpoints() {
    return entries.stream().map(this::checkpoint).toList();
  }

  /**
   * The most recent checkpoint whose files match the sizes and CRC32C checksums recorded when it was published;
   * a damaged one is skipped with a warning (the one before it is used).
   */
  public Optional<Checkpoint> latest() {
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry e = entries.get(i);
      Optional<String> damage = verify(e);
      if (damage.isEmpty()) {
        return Optional.of(checkpoint(e));
      }
      LOG.warn("checkpoint {} in {} is damaged ({}); trying the one before it", e.name(), dir, damage.get());
    }
    return Optional.empty();
  }

  /**
   * Saves the state after {@code step} iterations: {@code saver} writes it under a temporary prefix, then it is
   * published atomically. Saving a step that is already the latest returns that checkpoint (the state after a
   * given step is the same state).
   *
   * <p>Space: the checkpoints that publishing this one would drop (beyond the last {@code keep}) are removed
   * before it is written rather than after, so a save needs room for {@code keep} checkpoints, not
   * {@code keep + 1}. If the file system is full even so, every checkpoint older than the latest is removed and the
   * write is tried once more: a newer checkpoint is worth more than older fall-backs, and the latest is always
   * kept, so a failure at any point still leaves a usable one.
   *
   * @param seen the training budget spent up to {@code step}
   * @param wallSeconds the variant's wall time up to {@code step}, earlier segments included
   * @throws CheckpointException if the write failed (e.g. a full disk, then with {@link
   *     CheckpointException#diskFull()}); the previous checkpoint is still the latest
   */
  public Checkpoint save(long step, Budget seen, double wallSeconds, Saver saver) {
    if (!entries.isEmpty()) {
      Entry last = entries.get(entries.size() - 1);
      if (last.step() == step) {
        return checkpoint(last);
      }
      if (last.step() > step) {
        throw new IllegalStateException("checkpoint at step " + step + " after one at step " + last.step() + " in "
            + dir);
      }
    }
    // Those publishing would drop anyway; never the latest, the fall-back while this one is written.
    int dropped = Math.min(entries.size() + 1 - keep, entries.size() - 1);
    remove(dropped > 0 ? List.copyOf(entries.subList(0, dropped)) : List.of());
    try {
      return write(step, seen, wallSeconds, saver);
    } catch (WriteFailure first) {
      WriteFailure last = first;
      if (DiskFull.causes(first.getCause())) {
        List<Entry> older = entries.isEmpty() ? List.of() : List.copyOf(entries.subList(0, entries.size() - 1));
        if (!older.isEmpty()) {
          LOG.warn("{}: no space left for the checkpoint at step {}; removing {} (older than the latest, {}) to make"
              + " room and writing it again", dir, step, older.stream().map(Entry::name).toList(), latestName());
          remove(older);
          removedForSpace += older.size();
          try {
            return write(step, seen, wallSeconds, saver);
          } catch (WriteFailure again) {
            last = again;
          }
        }
      }
      throw failure(step, last.getCause());
    }
  }

  /**
   * How many checkpoints this manager removed, beyond what {@code keep} drops, to make room on a full disk: fewer
   * than {@code keep} may be left.
   */
  public int removedForSpace() {
    return removedForSpace;
  }

  /** A failed attempt to write a checkpoint; what is left of it has been removed. */
  private static final class WriteFailure extends Exception {
    WriteFailure(Exception cause) {
      super(cause);
    }
  }

  /** One attempt: the files under a temporary directory, the atomic publication, then the trimming to {@code keep}. */
  private Checkpoint write(long step, Budget seen, double wallSeconds, Saver saver) throws WriteFailure {
    String name = name(step);
    Path tmp = dir.resolve(TMP + name);
    Path published = dir.resolve(name);
    boolean renamed = false;
    try {
      files.deleteTree(tmp);
      files.createDirectory(tmp);
      files.save(saver, tmp.resolve(VARIABLES));
      List<FileEntry> written = new ArrayList<>();
      for (Path f : files.list(tmp)) {
        files.sync(f);
        written.add(new FileEntry(f.getFileName().toString(), files.size(f), hex(files.crc32c(f))));
      }
      if (written.isEmpty()) {
        throw new IOException("the saver wrote no file under " + tmp);
      }
      files.sync(tmp);
      files.deleteTree(published);
      files.moveAtomically(tmp, published);
      renamed = true;
      files.sync(dir);
      Entry entry = new Entry(name, step, Instant.now().toString(), seen, wallSeconds, written);
      List<Entry> next = new ArrayList<>(entries);
      next.add(entry);
      List<Entry> dropped = new ArrayList<>();
      while (next.size() > keep) {
        dropped.add(next.remove(0));
      }
      writePointer(next);
      // Published: from here on a failure costs only disk space, reclaimed when the directory is next opened.
      entries = next;
      try {
        files.sync(dir);
        for (Entry d : dropped) {
          files.deleteTree(dir.resolve(d.name()));
        }
      } catch (IOException e) {
        LOG.warn("checkpoint {} published, but removing older ones in {} failed: {}", name, dir, e.toString());
      }
      return checkpoint(entry);
    } catch (IOException | RuntimeException e) {
      cleanUp(tmp, renamed ? published : null);
      throw new WriteFailure(e);
    }
  }

  /** The exception for a save that failed with {@code cause}, after its clean-up (so free space is measured then). */
  private CheckpointException failure(long step, Throwable cause) {
    String previous = entries.isEmpty() ? "there is no earlier checkpoint"
        : "the latest checkpoint is still " + latestName();
    if (DiskFull.causes(cause)) {
      Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
      long free;
      try {
        free = files.usableSpace(dir);
      } catch (IOException | RuntimeException e) {
        free = -1;
      }
      DiskFull full = new DiskFull(dir, last == null ? -1 : last.files().stream().mapToLong(FileEntry::bytes).sum(),
          last == null ? null : last.name(), free);
      return new CheckpointException("checkpoint at step " + step + " not written to " + dir + ": "
          + full.describe() + "; " + previous, cause, full);
    }
    return new CheckpointException("checkpoint at step " + step + " not written to " + dir + " (" + firstLine(cause)
        + "); " + previous, cause);
  }

  /**
   * Removes checkpoints older than the latest: {@code checkpoint.json} stops naming them first, then their
   * directories go. On a full disk the pointer may not be writable until space is freed, so the directories go
   * even then; the stale pointer names checkpoints that {@link #latest()} skips (the latest is never among them),
   * and the next save rewrites it.
   */
  private void remove(List<Entry> drop) {
    if (drop.isEmpty()) {
      return;
    }
    List<Entry> next = new ArrayList<>(entries);
    next.removeAll(drop);
    entries = next;
    try {
      writePointer(next);
    } catch (IOException e) {
      LOG.warn("cannot rewrite {} in {} ({}); removing {} anyway", POINTER, dir, e.toString(),
          drop.stream().map(Entry::name).toList());
      try {
        files.deleteTree(dir.resolve(POINTER_TMP));
      } catch (IOException ignored) {
        // removed when the directory is next opened
      }
    }
    for (Entry d : drop) {
      try {
        files.deleteTree(dir.resolve(d.name()));
      } catch (IOException e) {
        LOG.warn("cannot remove {} ({}); it is removed when the directory is next opened", dir.resolve(d.name()),
            e.toString());
      }
    }
  }

  /** Replaces {@code checkpoint.json} atomically: a temporary copy, synced, renamed over it. */
  private void writePointer(List<Entry> list) throws IOException {
    Path pointerTmp = dir.resolve(POINTER_TMP);
    String latest = list.isEmpty() ? null : list.get(list.size() - 1).name();
    files.writeSynced(pointerTmp, JSON.writeValueAsBytes(new Pointer(latest, list)));
    files.moveAtomically(pointerTmp, dir.resolve(POINTER));
  }

  private String latestName() {
    return entries.isEmpty() ? null : entries.get(entries.size() - 1).name();
  }

  /** The first line of a failure's message: TensorFlow appends the node and a hint on lines of their own. */
  private static String firstLine(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage().strip();
    int nl = m.indexOf('\n');
    return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl).strip());
  }

  private void cleanUp(Path tmp, Path published) {
    try {
      files.deleteTree(tmp);
      if (published != null) {
        files.deleteTree(published);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot remove the unfinished checkpoint in {} now ({}); it is removed when the directory is next"
          + " opened", dir, e.toString());
    }
  }

  private Optional<String> verify(Entry e) {
    Path d = dir.resolve(e.name());
    for (FileEntry f : e.files()) {
      Path file = d.resolve(f.name());
      try {
        if (!files.exists(file)) {
          return Optional.of(file + " is missing");
        }
        long size = files.size(file);
        if (size != f.bytes()) {
          return Optional.of(file + " has " + size + " bytes, " + f.bytes() + " were written");
        }
        String crc = hex(files.crc32c(file));
        if (!crc.equals(f.crc32c())) {
          return Optional.of(file + " has CRC32C " + crc + ", " + f.crc32c() + " was written");
        }
      } catch (IOException ex) {
        return Optional.of("cannot read " + file + ": " + ex);
      }
    }
    return Optional.empty();
  }

  private Checkpoint checkpoint(Entry e) {
    return new Checkpoint(e.name(), e.step(), dir.resolve(e.name()).resolve(VARIABLES),
        e.seen() == null ? Budget.ZERO : e.seen(), e.wallSeconds() == null ? 0 : e.wallSeconds(),
        Instant.parse(e.written()));
  }

  /** The directory name of the checkpoint after {@code step} iterations; sorts by step up to 10⁸ - 1. */
  static String name(long step) {
    return String.format(Locale.ROOT, "step-%08d", step);
  }

  private static String hex(long crc) {
    return String.format(Locale.ROOT, "%08x", crc);
  }
}
