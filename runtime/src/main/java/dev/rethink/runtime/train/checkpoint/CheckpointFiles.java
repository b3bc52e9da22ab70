package dev.rethink.runtime.train.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file operations of {@link CheckpointManager}, one seam so that tests can fail any of them (a full disk, a
 * crash between two of them) and check what is left; bound in {@link dev.rethink.runtime.train.TrainingModule}, so
 * that a test can put a full disk under the real trainer.
 */
public interface CheckpointFiles {

  void createDirectory(Path dir) throws IOException;

  /** The entries of {@code dir}, sorted by name. */
  List<Path> list(Path dir) throws IOException;

  /** Flushes a file's or a directory's contents and metadata to the device (fsync). */
  void sync(Path path) throws IOException;

  long size(Path file) throws IOException;

  /** The CRC32C of the file's bytes. */
  long crc32c(Path file) throws IOException;

  /** Creates or truncates {@code file}, writes {@code bytes} and syncs it. */
  void writeSynced(Path file, byte[] bytes) throws IOException;

  byte[] read(Path file) throws IOException;

  /** Renames atomically, replacing {@code to} if it is a file. */
  void moveAtomically(Path from, Path to) throws IOException;

  /** Deletes a file or a directory tree; nothing if absent. */
  void deleteTree(Path path) throws IOException;

  boolean exists(Path path);

  /** Bytes available to this process on the file system holding {@code dir}. */
  long usableSpace(Path dir) throws IOException;

  /**
   * Runs {@code saver}, which writes a checkpoint's files under {@code prefix} (TensorFlow's {@code Session.save}
   * writes them itself, so this is where a full disk shows up first).
   */
  void save(CheckpointManager.Saver saver, Path prefix);

  /** The local file system. */
  static CheckpointFiles system() {
    return LocalCheckpointFiles.INSTANCE;
  }
}
