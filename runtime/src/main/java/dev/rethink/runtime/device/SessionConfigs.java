package dev.rethink.runtime.device;

import java.util.List;
import java.util.stream.Collectors;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/** Session settings for the devices of a run: thread pools sized to this machine, virtual CPUs, GPUs hidden or required. */
public final class SessionConfigs {
  /**
   * Ops run side by side. Measured on 2 cores, same results to the bit: the quick Mask R-CNN's 1000 iterations in
   * 1m31s with 2 against 1m55s with 1 (a detector step has many small independent ops: per-level proposals, NMS,
   * sampling), the quick classifier's 800 in 14 s against 19–22 s.
   */
  static final int INTER_OP_THREADS = 2;

  private SessionConfigs() {}

  /** The session configuration of one device of {@code device}'s kind. */
  static ConfigProto forDevice(Device device) {
    return forDevices(Devices.one(device));
  }

  /**
   * The session configuration for {@code devices}: intra-op threads = processors (one convolution uses every
   * core), {@value #INTER_OP_THREADS} inter-op threads; on the CPU without Grappler's memory optimizer, with
   * {@code cpu:N} giving N virtual CPU devices (one per tower; they share the processors).
   *
   * @throws IllegalStateException for GPUs TensorFlow does not see, with the reason ({@link TensorFlowDevices})
   */
  public static ConfigProto forDevices(Devices devices) {
    int cores = Runtime.getRuntime().availableProcessors();
    ConfigProto.Builder config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(cores)
        .setInterOpParallelismThreads(INTER_OP_THREADS)
        // Ops without a GPU kernel (e.g. the input casts) fall back to the CPU.
        .setAllowSoftPlacement(true);
    switch (devices.kind()) {
      case CPU:
        config.putDeviceCount("GPU", 0);
        if (devices.towers() > 1) {
          config.putDeviceCount("CPU", devices.towers());
        }
        // Grappler's memory optimizer (swapping and recomputation) saves GPU memory; on the CPU it only costs
        // seconds per new fetch signature and logs a cost-estimation error for every CropAndResize of a detector.
        config.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
            .setMemoryOptimization(RewriterConfig.MemOptType.NO_MEM_OPT)));
        break;
      case GPU:
        requireGpus(devices, config.build());
        break;
      default:
        throw new AssertionError(devices);
    }
    return config.build();
  }

  /**
   * Checks that TensorFlow sees every GPU of {@code devices} (listing the devices of a session with
   * {@code config}); the message says why not: no GPU natives, CUDA libraries not found, or no driver / device.
   */
  static void requireGpus(Devices devices, ConfigProto config) {
    List<TensorFlowDevices.Listed> listed;
    String listing;
    try {
      listed = TensorFlowDevices.list(config);
      listing = null;
    } catch (RuntimeException e) {
      listed = List.of();
      listing = e.getMessage();
    }
    List<String> gpus = listed.stream().filter(d -> d.type().equals("GPU")).map(TensorFlowDevices.Listed::name)
        .toList();
    List<Integer> missing = devices.indices().stream()
        .filter(i -> gpus.stream().noneMatch(n -> n.endsWith("/device:GPU:" + i))).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("--devices " + devices.cliName() + ": TensorFlow sees "
          + (gpus.isEmpty() ? "no GPU" : gpus.size() + " GPU(s) (" + String.join(", ", gpus) + ")")
          + ", not " + missing.stream().map(i -> "/device:GPU:" + i).collect(Collectors.joining(", "))
          + (listing != null ? " (listing the devices failed: " + listing + ")" : "") + ": "
          + TensorFlowDevices.whyNoGpu(System.getenv()) + "; else use --devices cpu:N");
    }
  }
}
