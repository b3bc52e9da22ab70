package dev.rethink.runtime.testing;

import dev.rethink.runtime.train.checkpoint.CheckpointFiles;
import dev.rethink.runtime.train.checkpoint.CheckpointManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The real file system for every operation; a disk double overrides only what it changes (saves, free space). */
public class ForwardingCheckpointFiles implements CheckpointFiles {
  protected final CheckpointFiles real = CheckpointFiles.system();

  @Override
  public void createDirectory(Path dir) throws IOException {
    real.createDirectory(dir);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    return real.list(dir);
  }

  @Override
  public void sync(Path path) throws IOException {
    real.sync(path);
  }

  @Override
  public long size(Path file) throws IOException {
    return real.size(file);
  }

  @Override
  public long crc32c(Path file) throws IOException {
    return real.crc32c(file);
  }

  @Override
  public void writeSynced(Path file, byte[] bytes) throws IOException {
    real.writeSynced(file, bytes);
  }

  @Override
  public byte[] read(Path file) throws IOException {
    return real.read(file);
  }

  @Override
  public void moveAtomically(Path from, Path to) throws IOException {
    real.moveAtomically(from, to);
  }

  @Override
  public void deleteTree(Path path) throws IOException {
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
    real.save(saver, prefix);
  }
}
