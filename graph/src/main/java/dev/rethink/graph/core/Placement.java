package dev.rethink.graph.core;

import java.util.List;
import java.util.Locale;
import org.tensorflow.DeviceSpec;

/**
 * Where a variant's training step runs: one tower per device, each fed its slice of the global batch, and
 * {@code accumulate} passes per tower before the one update. A property of the run, never of the study: the
 * study's {@code imagesPerBatch} stays the global batch, split into {@code towers × accumulate} equal slices.
 *
 * <p>A device is a {@link DeviceSpec}, so a tower can be {@code /device:GPU:3}, a virtual CPU
 * ({@code /device:CPU:1}, made by the session's device count) or, later, a device of another task
 * ({@code /job:worker/task:1/device:CPU:0}); an empty spec leaves placement to TensorFlow (the default run).
 *
 * @param devices one per tower, at least one
 * @param accumulate passes per tower whose gradients are summed before one update (gradient accumulation), >= 1
 */
public record Placement(List<DeviceSpec> devices, int accumulate) {
  public Placement {
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("placement: at least one device");
    }
    if (accumulate < 1) {
      throw new IllegalArgumentException("placement: accumulate must be >= 1, was " + accumulate);
    }
  }

  /** One tower, TensorFlow's default placement, no accumulation: today's graph exactly. */
  public static Placement single() {
    return new Placement(List.of(DeviceSpec.newBuilder().build()), 1);
  }

  /** The number of towers. */
  public int towers() {
    return devices.size();
  }

  /** Slices of the global batch per step: {@code towers × accumulate}. */
  public int replicas() {
    return towers() * accumulate;
  }

  /** True for one tower without accumulation (the graph is built exactly as without towers). */
  public boolean isSingle() {
    return replicas() == 1;
  }

  /**
   * The images of one slice of {@code globalBatch}.
   *
   * @param variant the variant's name, for the message
   * @throws IllegalArgumentException when the batch does not divide evenly, naming both numbers
   */
  public int sliceOf(String variant, int globalBatch) {
    if (globalBatch % replicas() != 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "variants[%s].schedule.imagesPerBatch: the"
          + " global batch of %d images does not divide into %d slices (%d towers × accumulate %d); choose devices"
          + " and --accumulate whose product divides %d", variant, globalBatch, replicas(), towers(), accumulate,
          globalBatch));
    }
    return globalBatch / replicas();
  }
}
