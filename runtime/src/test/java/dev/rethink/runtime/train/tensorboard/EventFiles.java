package dev.rethink.runtime.train.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * Reads TensorBoard event files independently of the writer: the TFRecord framing (little-endian uint64 length,
 * masked CRC32C of the length, data, masked CRC32C of the data; mask {@code ((c >>> 15) | (c << 17)) + 0xa282ead8},
 * as documented in TensorFlow's {@code tensorflow/core/lib/io/record_writer.h}), each record an {@link Event}.
 */
public final class EventFiles {
  private EventFiles() {}

  /** Every event of every {@code events.out.tfevents.*} file in {@code dir}, files in name order. */
  public static List<Event> read(Path dir) throws IOException {
    List<Event> events = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
    }
    for (Path f : files) {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
      while (b.hasRemaining()) {
        byte[] header = new byte[8];
        b.get(header);
        long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
        check(masked(header) == Integer.toUnsignedLong(b.getInt()), f, "length CRC");
        byte[] data = new byte[Math.toIntExact(length)];
        b.get(data);
        check(masked(data) == Integer.toUnsignedLong(b.getInt()), f, "data CRC");
        events.add(Event.parseFrom(data));
      }
    }
    return events;
  }

  private static long masked(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    long c = crc.getValue();
    return (((c >>> 15) | (c << 17)) + 0xa282ead8L) & 0xffffffffL;
  }

  private static void check(boolean ok, Path file, String what) {
    if (!ok) {
      throw new IllegalStateException(file + ": bad " + what);
    }
  }
}
