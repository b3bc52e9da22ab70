package dev.rethink.runtime.train.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.runtime.report.provenance.Platform;
import dev.rethink.runtime.testing.ChildJvm;
import dev.rethink.runtime.testing.RunLockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per run directory; a killed holder does not keep the lock. */
class RunLockTest {
  @TempDir
  Path tmp;

  @Test
  void aSecondProcessIsRefusedWithTheHoldersPidUntilTheHolderIsKilled() throws Exception {
    Path run = tmp.resolve("run");
    try (ChildJvm holder = ChildJvm.start(tmp, RunLockHolder.class, run.toString())) {
      holder.awaitLine("locked by", 60);
      RunLockedException e = assertThrows(RunLockedException.class, () -> RunLock.acquire(run));
      assertTrue(e.getMessage().startsWith("run directory " + run + " is in use by process " + holder.pid()
          + " on " + Platform.hostName() + " (since "), e.getMessage());
      // SIGKILL: no finally block, no shutdown hook runs in the holder; the OS drops its lock.
      holder.process().destroyForcibly();
      holder.awaitExit(30);
    }
    try (RunLock lock = RunLock.acquire(run)) {
      assertTrue(Files.readString(lock.file()).contains("\"pid\":" + ProcessHandle.current().pid()));
    }
  }

  @Test
  void theSameProcessCannotLockTwiceAndKeepsItsLockWhenRefused() throws Exception {
    Path run = tmp.resolve("run");
    try (RunLock lock = RunLock.acquire(run)) {
      RunLockedException e = assertThrows(RunLockedException.class, () -> RunLock.acquire(run));
      assertEquals("run directory " + run + " is already in use by this process (" + ProcessHandle.current().pid()
          + ")", e.getMessage());
      // The refusal opened no descriptor of the lock file, so the lock still stands for other processes.
      try (ChildJvm other = ChildJvm.start(tmp, RunLockHolder.class, run.toString())) {
        int code = other.awaitExit(60);
        assertTrue(code != 0 && other.output().contains("is in use by process " + ProcessHandle.current().pid()),
            other.output());
      }
    }
    RunLock.acquire(run).close();
  }
}
