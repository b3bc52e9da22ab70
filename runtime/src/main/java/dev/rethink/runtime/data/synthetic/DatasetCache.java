package dev.rethink.runtime.data.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generated datasets in a cache directory. A complete dataset has a marker file, written last, holding the
 * SHA-256 of every other file (relative path and bytes); a directory without a marker, or whose files no longer
 * hash to it (a run killed mid-generation, a truncated or edited file), is deleted and generated again.
 * Generation holds a lock file, so concurrent runs on one cache generate a dataset once.
 */
public final class DatasetCache {
  /** The completion marker's file name. */
  public static final String MARKER = "COMPLETE.json";

  private static final Logger LOG = LoggerFactory.getLogger(DatasetCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private DatasetCache() {}

  /**
   * {@code dir}, after generating the dataset into it with {@code generate} unless a complete, intact copy is
   * already there.
   *
   * @param description what the dataset is (recorded in the marker and logged)
   */
  public static Path ensure(Path dir, String description, Consumer<Path> generate) {
    Path target = dir.toAbsolutePath().normalize();
    synchronized (LOCKS.computeIfAbsent(target, k -> new Object())) {
      try {
        Files.createDirectories(target.getParent());
        Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          FileLock lock = channel.lock();
          try {
            String problem = problem(target);
            if (problem == null) {
              return target;
            }
            LOG.info("generating {} into {} ({})", description, target, problem);
            deleteRecursively(target);
            Files.createDirectories(target);
            generate.accept(target);
            writeMarker(target, description);
            return target;
          } finally {
            lock.release();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(target + ": cannot generate " + description + ": " + e.getMessage(), e);
      }
    }
  }

  /** Why {@code dir} is not a complete dataset, or {@code null} if it is. */
  public static String problem(Path dir) throws IOException {
    Path marker = dir.resolve(MARKER);
    if (!Files.isRegularFile(marker)) {
      return Files.exists(dir) ? "incomplete: no " + MARKER : "not generated yet";
    }
    JsonNode recorded;
    try {
      recorded = JSON.readTree(marker.toFile());
    } catch (IOException e) {
      return "corrupt " + MARKER + ": " + e.getMessage();
    }
    String hash = contentHash(dir);
    if (!hash.equals(recorded.path("sha256").asText())) {
      return "corrupt: files do not match the recorded SHA-256";
    }
    return null;
  }

  private static void writeMarker(Path dir, String description) throws IOException {
    ObjectNode marker = JSON.createObjectNode();
    marker.put("dataset", description);
    marker.put("sha256", contentHash(dir));
    Path tmp = dir.resolve(MARKER + ".tmp");
    Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(marker));
    Files.move(tmp, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE);
  }

  /** SHA-256 over every file but the marker, in sorted relative-path order: each path, its length, its bytes. */
  static String contentHash(Path dir) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(MARKER))
          .sorted(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/'))).toList();
    }
    byte[] buffer = new byte[1 << 16];
    for (Path f : files) {
      digest.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
      digest.update(ByteBuffer.allocate(8).putLong(Files.size(f)).array());
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
