package dev.rethink.runtime.device;

import dev.rethink.graph.core.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tensorflow.DeviceSpec;

/**
 * The devices a run's training towers use ({@code --devices}): {@code cpu:N} (N virtual CPU devices, made by the
 * session's device count — the same code path as several GPUs, which is how towers are tested without GPUs),
 * {@code gpu:I}, {@code gpu:I-J} or {@code gpu:I,J,...}. One tower per device; the default is one CPU device.
 *
 * @param kind CPU or GPU
 * @param indices the device indices, ascending, distinct (CPU: 0 … N−1)
 */
public record Devices(Device kind, List<Integer> indices) {
  private static final Pattern CPU = Pattern.compile("cpu(?::(\\d+))?");
  private static final Pattern GPU = Pattern.compile("gpu(?::([0-9,\\-]+))?");
  private static final String SYNTAX = "cpu:N, gpu:I, gpu:I-J or gpu:I,J,...";

  public Devices {
    indices = List.copyOf(indices);
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("devices: at least one device");
    }
  }

  /** One device of {@code kind} (what {@code --device cpu|gpu} means). */
  public static Devices one(Device kind) {
    return new Devices(kind, List.of(0));
  }

  /**
   * Parses {@code --devices}; the message names the option and the value.
   *
   * @throws IllegalArgumentException for anything but the documented forms
   */
  public static Devices parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher cpu = CPU.matcher(v);
    if (cpu.matches()) {
      int n = cpu.group(1) == null ? 1 : parseIndex(value, cpu.group(1));
      if (n < 1) {
        throw new IllegalArgumentException("--devices " + value + ": cpu:N needs N >= 1 virtual CPU devices");
      }
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(i);
      }
      return new Devices(Device.CPU, all);
    }
    Matcher gpu = GPU.matcher(v);
    if (gpu.matches()) {
      if (gpu.group(1) == null) {
        return one(Device.GPU);
      }
      TreeSet<Integer> set = new TreeSet<>();
      for (String part : gpu.group(1).split(",", -1)) {
        String[] range = part.split("-", -1);
        if (range.length == 1) {
          add(set, value, parseIndex(value, range[0]));
        } else if (range.length == 2) {
          int from = parseIndex(value, range[0]);
          int to = parseIndex(value, range[1]);
          if (to < from) {
            throw new IllegalArgumentException("--devices " + value + ": the range " + part + " is empty");
          }
          for (int i = from; i <= to; i++) {
            add(set, value, i);
          }
        } else {
          throw new IllegalArgumentException("--devices " + value + ": '" + part + "' is not I or I-J; expected "
              + SYNTAX);
        }
      }
      return new Devices(Device.GPU, List.copyOf(set));
    }
    throw new IllegalArgumentException("--devices " + value + ": expected " + SYNTAX + " (e.g. cpu:4, gpu:0-7)");
  }

  private static void add(TreeSet<Integer> set, String value, int index) {
    if (!set.add(index)) {
      throw new IllegalArgumentException("--devices " + value + ": device " + index + " is listed twice");
    }
  }

  private static int parseIndex(String value, String digits) {
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("--devices " + value + ": a device index is missing; expected " + SYNTAX);
    }
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--devices " + value + ": '" + digits + "' is not a device index");
    }
  }

  /** Training towers: one per device. */
  public int towers() {
    return indices.size();
  }

  /** The canonical command-line form, e.g. {@code cpu:2}, {@code gpu:0,1,2}. */
  public String cliName() {
    return kind == Device.CPU ? "cpu:" + indices.size()
        : "gpu:" + indices.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** TensorFlow's device names, e.g. {@code /device:GPU:0}. */
  public List<DeviceSpec> specs() {
    DeviceSpec.DeviceType type = kind == Device.CPU ? DeviceSpec.DeviceType.CPU : DeviceSpec.DeviceType.GPU;
    return indices.stream().map(i -> DeviceSpec.newBuilder().deviceType(type).deviceIndex(i).build()).toList();
  }

  /**
   * The graph's placement with {@code accumulate} passes. One device 0 is TensorFlow's default placement (the
   * graph of a run without towers, unchanged); otherwise each tower is pinned to its device.
   */
  public Placement placement(int accumulate) {
    if (indices.equals(List.of(0))) {
      return new Placement(List.of(DeviceSpec.newBuilder().build()), accumulate);
    }
    return new Placement(specs(), accumulate);
  }

  /**
   * Checks that TensorFlow sees these devices (GPUs: listed by a throwaway session).
   *
   * @throws IllegalStateException naming the devices missing and why ({@link TensorFlowDevices#whyNoGpu})
   */
  public void requireAvailable() {
    SessionConfigs.forDevices(this);
  }

  @Override
  public String toString() {
    return cliName();
  }
}
