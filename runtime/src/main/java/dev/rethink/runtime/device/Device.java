package dev.rethink.runtime.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a variant's graph runs ({@code --device}). */
public enum Device {
  /** Every op on the CPU; GPUs, if any, are hidden from the session. */
  CPU,
  /** TensorFlow's default placement with {@code /device:GPU:0} required to exist (needs the gpu natives). */
  GPU;

  /** The lower-case name used on the command line. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code cpu} / {@code gpu}; the error lists the valid names. */
  public static Device parse(String name) {
    for (Device d : values()) {
      if (d.cliName().equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("device: unknown device '" + name + "'; known: "
        + Arrays.stream(values()).map(Device::cliName).collect(Collectors.joining(", ")));
  }
}
