package dev.rethink.runtime.testing;

import dev.rethink.runtime.train.control.RunLock;
import java.nio.file.Path;

/** Takes the lock of the run directory {@code args[0]}, says so, and holds it until killed or stdin closes. */
public final class RunLockHolder {
  private RunLockHolder() {}

  public static void main(String[] args) throws Exception {
    try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
      System.out.println("locked by " + ProcessHandle.current().pid());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold
      }
    }
  }
}
