package dev.rethink.runtime.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.report.Budget;
import dev.rethink.runtime.testing.ForwardingCheckpointFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Atomic publication: a crash (every file operation failing from some point on, as for a killed process) or a
 * full disk (one operation failing) during a save leaves the previous checkpoint the latest, intact.
 */
class CheckpointManagerTest {
  @TempDir
  Path tmp;

  /** Writes the two files {@code Session.save} writes, with contents that identify the step. */
  private static CheckpointManager.Saver fakeSession(long step) {
    return prefix -> {
      try {
        Files.writeString(prefix.resolveSibling(prefix.getFileName() + ".index"), "index of " + step);
        Files.writeString(prefix.resolveSibling(prefix.getFileName() + ".data-00000-of-00001"), "data of " + step
            + "x".repeat(1000));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private static String data(Checkpoint c) throws IOException {
    return Files.readString(c.prefix().resolveSibling(c.prefix().getFileName() + ".data-00000-of-00001"));
  }

  private static List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Records operations; from operation {@code failAt} on, throws (all of them for a crash, one for a full disk). */
  static final class FaultyFiles implements CheckpointFiles {
    private final CheckpointFiles real = CheckpointFiles.system();
    private final int failAt;
    private final boolean crash;
    final List<String> log = new ArrayList<>();

    FaultyFiles(int failAt, boolean crash) {
      this.failAt = failAt;
      this.crash = crash;
    }

    /** Records nothing and fails nothing. */
    static FaultyFiles recording() {
      return new FaultyFiles(Integer.MAX_VALUE, false);
    }

    private boolean fails(String what) {
      int n = log.size();
      log.add(what);
      return n == failAt || (crash && n > failAt);
    }

    private IOException failure() {
      return new IOException(crash ? "simulated crash at operation " + failAt + " (" + log.get(failAt) + ")"
          : "No space left on device (simulated at " + log.get(failAt) + ")");
    }

    private void op(String what) throws IOException {
      if (fails(what)) {
        throw failure();
      }
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
      op("mkdir " + dir.getFileName());
      real.createDirectory(dir);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
      op("list " + dir.getFileName());
      return real.list(dir);
    }

    @Override
    public void sync(Path path) throws IOException {
      op("sync " + path.getFileName());
      real.sync(path);
    }

    @Override
    public long size(Path file) throws IOException {
      op("size " + file.getFileName());
      return real.size(file);
    }

    @Override
    public long crc32c(Path file) throws IOException {
      op("crc " + file.getFileName());
      return real.crc32c(file);
    }

    @Override
    public void writeSynced(Path file, byte[] bytes) throws IOException {
      if (fails("write " + file.getFileName())) {
        if (!crash) {
          // A full disk takes the first half.
          Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        }
        throw failure();
      }
      real.writeSynced(file, bytes);
    }

    @Override
    public byte[] read(Path file) throws IOException {
      op("read " + file.getFileName());
      return real.read(file);
    }

    @Override
    public void moveAtomically(Path from, Path to) throws IOException {
      op("move " + from.getFileName() + " -> " + to.getFileName());
      real.moveAtomically(from, to);
    }

    @Override
    public void deleteTree(Path path) throws IOException {
      op("delete " + path.getFileName());
      real.deleteTree(path);
    }

    @Override
    public boolean exists(Path path) {
      return real.exists(path);
    }

    @Override
    public long usableSpace(Path dir) throws IOException {
      return real.usableSpace(dir);
    }

    @Override
    public void save(CheckpointManager.Saver saver, Path prefix) {
      try {
        op("save " + prefix.getParent().getFileName());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      real.save(saver, prefix);
    }
  }

  /**
   * A small disk: the checkpoints' files (published or being written; the pointer is small and always fits) may
   * take {@code capacity} bytes. A save that goes beyond fails as TensorFlow's writer fails on ENOSPC, leaving
   * what it wrote for the manager to clean up.
   */
  static final class SmallDisk extends ForwardingCheckpointFiles {
    long capacity;
    final List<String> saves = new ArrayList<>();

    SmallDisk(long capacity) {
      this.capacity = capacity;
    }

    long used(Path dir) throws IOException {
      try (Stream<Path> s = Files.walk(dir)) {
        long total = 0;
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          if (!p.getFileName().toString().startsWith(CheckpointManager.POINTER)) {
            total += Files.size(p);
          }
        }
        return total;
      }
    }

    @Override
    public void save(CheckpointManager.Saver saver, Path prefix) {
      saves.add(prefix.getParent().getFileName().toString());
      real.save(saver, prefix);
      try {
        if (used(prefix.getParent().getParent()) > capacity) {
          throw new TFResourceExhaustedException(prefix + ".data-00000-of-00001.tempstate42; No space left on"
              + " device\n\t [[{{node save/Save}}]]");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public long usableSpace(Path dir) throws IOException {
      return Math.max(0, capacity - used(dir));
    }
  }

  /** What {@link #fakeSession} writes for steps 10 to 90: "index of 10" (11 bytes), "data of 10" + 1000 x. */
  private static final long CHECKPOINT_BYTES = 11 + 1010;

  @Test
  void aSaveRemovesWhatKeepWouldDropBeforeWritingSoKeepCheckpointsFit() throws IOException {
    Path dir = tmp.resolve("ckpt");
    SmallDisk disk = new SmallDisk(3 * CHECKPOINT_BYTES);
    CheckpointManager m = CheckpointManager.open(dir, 3, disk);
    for (long step : new long[] {10, 20, 30, 40, 50}) {
      m.save(step, Budget.ZERO, 0, fakeSession(step));
    }
    // Writing 40 next to 10, 20 and 30 would take four checkpoints' room; 10 went first.
    assertEquals(List.of(CheckpointManager.POINTER, "step-00000030", "step-00000040", "step-00000050"), entries(dir));
    assertEquals(List.of(".tmp-step-00000010", ".tmp-step-00000020", ".tmp-step-00000030", ".tmp-step-00000040",
        ".tmp-step-00000050"), disk.saves);
    assertEquals(0, m.removedForSpace());
  }

  @Test
  void aFullDiskRemovesTheCheckpointsOlderThanTheLatestAndWritesOnceMore() throws IOException {
    Path dir = tmp.resolve("ckpt");
    SmallDisk disk = new SmallDisk(2 * CHECKPOINT_BYTES + CHECKPOINT_BYTES / 2);
    CheckpointManager m = CheckpointManager.open(dir, 3, disk);
    m.save(10, Budget.ZERO, 0, fakeSession(10));
    m.save(20, Budget.ZERO, 0, fakeSession(20));
    // --keep 3 would keep 10, 20 and 30, but only two fit: 10 goes, and the second attempt fits.
    Checkpoint c = m.save(30, Budget.ZERO, 0, fakeSession(30));
    assertEquals(30, c.step());
    assertEquals(List.of(".tmp-step-00000010", ".tmp-step-00000020", ".tmp-step-00000030", ".tmp-step-00000030"),
        disk.saves);
    assertEquals(List.of(CheckpointManager.POINTER, "step-00000020", "step-00000030"), entries(dir));
    assertEquals(1, m.removedForSpace());
    Checkpoint latest = CheckpointManager.open(dir, 3).latest().orElseThrow();
    assertEquals(30, latest.step());
    assertTrue(data(latest).startsWith("data of 30"));
    assertEquals(List.of(20L, 30L), CheckpointManager.published(dir).stream().map(Checkpoint::step).toList());
  }

  @Test
  void aDiskTooFullForOneMoreCheckpointKeepsTheLatestAndSaysWhatIsNeeded() throws IOException {
    Path dir = tmp.resolve("ckpt");
    SmallDisk disk = new SmallDisk(10 * CHECKPOINT_BYTES);
    CheckpointManager m = CheckpointManager.open(dir, 3, disk);
    m.save(10, Budget.ZERO, 0, fakeSession(10));
    m.save(20, Budget.ZERO, 0, fakeSession(20));
    // Something else fills the disk: 1500 bytes are left for checkpoints, one and a half.
    disk.capacity = 1500;
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> m.save(30, Budget.ZERO, 0, fakeSession(30)));
    // It removed 10 and tried again; 20 alone plus 30 still do not fit.
    assertEquals(List.of(".tmp-step-00000030", ".tmp-step-00000030"), disk.saves.subList(2, 4));
    assertEquals(1, m.removedForSpace());
    DiskFull full = e.diskFull().orElseThrow();
    assertEquals(new DiskFull(dir, 1021, "step-00000020", 1500 - 1021), full);
    assertEquals("checkpoint at step 30 not written to " + dir + ": No space left on device: a checkpoint needs"
        + " about 1,021 bytes (the size of step-00000020), 479 are free; the latest checkpoint is still"
        + " step-00000020", e.getMessage());
    // The latest is intact, the pointer names it, and nothing of the failed write is left.
    assertEquals(List.of(CheckpointManager.POINTER, "step-00000020"), entries(dir));
    Checkpoint latest = CheckpointManager.open(dir, 3).latest().orElseThrow();
    assertEquals(20, latest.step());
    assertTrue(data(latest).startsWith("data of 20"));
    assertEquals(List.of(20L), CheckpointManager.published(dir).stream().map(Checkpoint::step).toList());
  }

  /** The file operations of saving step 20 after step 10, keeping one checkpoint (so step 10 is deleted). */
  private List<String> operationsOfASave() {
    Path probe = tmp.resolve("probe");
    CheckpointManager.open(probe, 1).save(10, Budget.ZERO, 0, fakeSession(10));
    FaultyFiles recorder = FaultyFiles.recording();
    CheckpointManager.open(probe, 1).using(recorder).save(20, Budget.ZERO, 0, fakeSession(20));
    return recorder.log;
  }

  @Test
  void aCrashAtAnyFileOperationOfASaveLeavesAUsableLatestCheckpoint() throws IOException {
    List<String> operations = operationsOfASave();
    int commit = operations.indexOf("move checkpoint.json.tmp -> checkpoint.json");
    assertTrue(commit > 0, operations.toString());
    for (int k = 0; k < operations.size(); k++) {
      String where = "crash at operation " + k + " (" + operations.get(k) + ")";
      Path dir = tmp.resolve("crash-" + k);
      CheckpointManager.open(dir, 1).save(10, new Budget(80, 80, 80 * 1024), 0, fakeSession(10));
      CheckpointManager dying = CheckpointManager.open(dir, 1).using(new FaultyFiles(k, true));
      boolean published;
      try {
        dying.save(20, new Budget(160, 160, 160 * 1024), 0, fakeSession(20));
        published = true;
      } catch (CheckpointException e) {
        published = false;
      }
      // Until checkpoint.json is renamed the new checkpoint does not exist; after, a failure costs nothing.
      assertEquals(k > commit, published, where);

      // The process starts again: a fresh manager on the directory as the crash left it.
      CheckpointManager restarted = CheckpointManager.open(dir, 1);
      Checkpoint latest = restarted.latest().orElseThrow(() -> new AssertionError(where + ": no checkpoint"));
      long expected = published ? 20 : 10;
      assertEquals(expected, latest.step(), where);
      assertTrue(data(latest).startsWith("data of " + expected), where);
      assertEquals(expected * 8, latest.seen().images(), where);
      // Whatever the crash left behind (temporary directory, pointer copy, unreferenced checkpoint) is gone.
      assertEquals(List.of(CheckpointManager.POINTER, latest.name()), entries(dir), where);
    }
  }

  @Test
  void aFullDiskFailsTheWriteAndTheNextSaveSucceeds() throws IOException {
    int pointerWrite = operationsOfASave().indexOf("write checkpoint.json.tmp");
    Path dir = tmp.resolve("ckpt");
    CheckpointManager.open(dir, 2).save(10, Budget.ZERO, 0, fakeSession(10));
    CheckpointManager full = CheckpointManager.open(dir, 2).using(new FaultyFiles(pointerWrite, false));
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> full.save(20, Budget.ZERO, 0, fakeSession(20)));
    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertTrue(e.getMessage().endsWith("the latest checkpoint is still step-00000010"), e.getMessage());
    assertEquals(10, full.latest().orElseThrow().step());
    // The failed save removed its directory; the half-written pointer copy goes when the directory is reopened.
    CheckpointManager reopened = CheckpointManager.open(dir, 2);
    assertEquals(List.of(CheckpointManager.POINTER, "step-00000010"), entries(dir));
    // Space is back: the next save works.
    Checkpoint next = reopened.save(30, Budget.ZERO, 0, fakeSession(30));
    assertEquals(List.of(CheckpointManager.POINTER, "step-00000010", "step-00000030"), entries(dir));
    assertTrue(data(next).startsWith("data of 30"));
  }

  @Test
  void aSaverDyingMidWriteLeavesThePreviousCheckpoint() throws IOException {
    Path dir = tmp.resolve("ckpt");
    CheckpointManager m = CheckpointManager.open(dir, 3);
    m.save(10, Budget.ZERO, 0, fakeSession(10));
    CheckpointException e = assertThrows(CheckpointException.class, () -> m.save(20, Budget.ZERO, 0, prefix -> {
      try {
        Files.writeString(prefix.resolveSibling("variables.index"), "half an ind");
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new IllegalStateException("No space left on device (from TensorFlow's writer)");
    }));
    assertTrue(e.getMessage().contains("the latest checkpoint is still step-00000010"), e.getMessage());
    assertEquals(10, CheckpointManager.open(dir, 3).latest().orElseThrow().step());
  }

  @Test
  void keepsTheLastNAndSkipsADamagedLatest() throws IOException {
    Path dir = tmp.resolve("ckpt");
    CheckpointManager m = CheckpointManager.open(dir, 2);
    for (long step : new long[] {10, 20, 30, 40}) {
      m.save(step, Budget.ZERO, 0, fakeSession(step));
    }
    assertEquals(List.of(CheckpointManager.POINTER, "step-00000030", "step-00000040"), entries(dir));
    assertEquals(List.of(30L, 40L), m.checkpoints().stream().map(Checkpoint::step).toList());
    // Saving the latest step again is the same state: nothing is written.
    assertEquals(40, m.save(40, Budget.ZERO, 0, p -> { throw new AssertionError("saved twice"); }).step());

    // One flipped byte in the latest data file (a bad sector, a copy gone wrong): the one before is used.
    Path data = dir.resolve("step-00000040").resolve("variables.data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 1;
    Files.write(data, bytes);
    Checkpoint latest = CheckpointManager.open(dir, 2).latest().orElseThrow();
    assertEquals(30, latest.step());
    assertTrue(data(latest).startsWith("data of 30"));
  }

  @Test
  void aMalformedPointerIsAnErrorNamingTheFile() throws IOException {
    Path dir = tmp.resolve("ckpt");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(CheckpointManager.POINTER), "{\"latest\": ");
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointManager.open(dir, 2));
    assertTrue(e.getMessage().startsWith(dir.resolve(CheckpointManager.POINTER) + ": not a checkpoint pointer"),
        e.getMessage());
  }

  @Test
  void restoresTheVariablesOfTheLatestCheckpointAfterACrashedSave() {
    Path dir = tmp.resolve("tf");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("w").variable(Shape.of(3), TFloat32.class);
      var set1 = tf.assign(w, tf.constant(new float[] {1, 2, 3}));
      var set2 = tf.assign(w, tf.constant(new float[] {7, 8, 9}));
      s.run(set1);
      CheckpointManager m = CheckpointManager.open(dir, 2);
      m.save(100, Budget.ZERO, 0, p -> s.save(p.toString()));
      s.run(set2);
      // The process dies while publishing the second checkpoint.
      // The process dies as it renames the new checkpoint's directory into place.
      int rename = operationsOfASave().indexOf("move .tmp-step-00000020 -> step-00000020");
      CheckpointManager dying = m.using(new FaultyFiles(rename, true));
      assertThrows(CheckpointException.class, () -> dying.save(200, Budget.ZERO, 0, p -> s.save(p.toString())));
    }
    Checkpoint latest = CheckpointManager.open(dir, 2).latest().orElseThrow();
    assertEquals(100, latest.step());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("w").variable(Shape.of(3), TFloat32.class);
      s.restore(latest.prefix().toString());
      try (Result r = s.runner().fetch(w).run()) {
        float[] values = new float[3];
        ((TFloat32) r.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(values, false, false));
        assertArrayEquals(new float[] {1, 2, 3}, values);
      }
    }
    assertEquals("step-00000100", latest.name());
  }
}
