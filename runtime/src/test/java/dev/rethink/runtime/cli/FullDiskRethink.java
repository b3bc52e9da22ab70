package dev.rethink.runtime.cli;

import com.google.inject.AbstractModule;
import dev.rethink.runtime.testing.DiskFullFrom;
import dev.rethink.runtime.train.checkpoint.CheckpointFiles;
import java.util.Arrays;

/**
 * {@code rethink} on a disk that fills up at a given step, for a child JVM: {@code FullDiskRethink <step> <args>}
 * runs the command line exactly as {@link Rethink#main} does, with {@link DiskFullFrom} under the checkpoints.
 */
public final class FullDiskRethink {
  private FullDiskRethink() {}

  public static void main(String[] args) {
    DiskFullFrom disk = new DiskFullFrom(Long.parseLong(args[0]), 4096);
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    System.exit(Rethink.run(rest, System.out, System.err, Environment.system(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(CheckpointFiles.class).toInstance(disk);
      }
    }));
  }
}
