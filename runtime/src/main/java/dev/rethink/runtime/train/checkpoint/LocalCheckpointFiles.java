package dev.rethink.runtime.train.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/** {@link CheckpointFiles} on {@link java.nio.file.Files}. */
final class LocalCheckpointFiles implements CheckpointFiles {
  static final LocalCheckpointFiles INSTANCE = new LocalCheckpointFiles();

  private LocalCheckpointFiles() {}

  @Override
  public void createDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    }
  }

  @Override
  public void sync(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      // Linux fsyncs a directory opened read-only; where a directory cannot be opened (Windows), its entries
      // are still made durable by the file system's own journal, so this is best effort.
      try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException e) {
        // best effort, see above
      }
      return;
    }
    try (FileChannel file = FileChannel.open(path, StandardOpenOption.WRITE)) {
      file.force(true);
    }
  }

  @Override
  public long size(Path file) throws IOException {
    return Files.size(file);
  }

  @Override
  public long crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer) >= 0) {
        buffer.flip();
        crc.update(buffer);
        buffer.clear();
      }
    }
    return crc.getValue();
  }

  @Override
  public void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
  }

  @Override
  public byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  @Override
  public void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public long usableSpace(Path dir) throws IOException {
    return Files.getFileStore(dir).getUsableSpace();
  }

  @Override
  public void save(CheckpointManager.Saver saver, Path prefix) {
    saver.save(prefix);
  }
}
