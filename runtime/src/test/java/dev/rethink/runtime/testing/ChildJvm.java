package dev.rethink.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM on the test class path running a {@code main} class, its output (stdout and stderr merged) read
 * line by line on a thread so that the test can wait for a line while the child runs.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> all = new ArrayList<>();
  private final Thread reader;

  private ChildJvm(Process process) {
    this.process = process;
    reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (all) {
            all.add(line);
          }
          lines.add(line);
        }
      } catch (IOException e) {
        // the child is gone
      }
    }, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code java -cp <this class path> mainClass args...} in {@code workDir}. */
  public static ChildJvm start(Path workDir, Class<?> mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
    return new ChildJvm(pb.start());
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Sends {@code signal} (e.g. {@code TERM}, {@code INT}) with {@code kill(1)}. Unlike {@link Process#destroy()}
   * (SIGTERM as well), this keeps the child's output readable: {@code destroy} closes the streams.
   */
  public void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** Waits for a line containing {@code text}; fails after {@code seconds} or when the child exits first. */
  public String awaitLine(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        throw new AssertionError("the child exited (" + process.exitValue() + ") before printing '" + text
            + "':\n" + output());
      }
    }
    throw new AssertionError("no line with '" + text + "' after " + seconds + " s:\n" + output());
  }

  /** Waits for the child to exit, and for its last output line to be read; returns its exit code. */
  public int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not exit within " + seconds + " s:\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Everything printed so far. */
  public String output() {
    synchronized (all) {
      return String.join("\n", all);
    }
  }

  /** SIGKILL, if still running. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
