package dev.rethink.runtime.train;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/** Session settings for a device: thread pools sized to this machine, GPUs hidden or required. */
final class SessionConfigs {
  /** The first GPU, which {@code --device gpu} requires. */
  static final DeviceSpec FIRST_GPU = DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
      .deviceIndex(0).build();

  /**
   * Ops run side by side. Measured on 2 cores, same results to the bit: the quick Mask R-CNN's 1000 iterations in
   * 1m31s with 2 against 1m55s with 1 (a detector step has many small independent ops: per-level proposals, NMS,
   * sampling), the quick classifier's 800 in 14 s against 19–22 s.
   */
  static final int INTER_OP_THREADS = 2;

  private SessionConfigs() {}

  /**
   * The session configuration for {@code device}: intra-op threads = processors (one convolution uses every
   * core), {@value #INTER_OP_THREADS} inter-op threads; on the CPU without Grappler's memory optimizer.
   *
   * @throws IllegalStateException for {@link Device#GPU} when TensorFlow sees no GPU
   */
  static ConfigProto forDevice(Device device) {
    int cores = Runtime.getRuntime().availableProcessors();
    ConfigProto.Builder config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(cores)
        .setInterOpParallelismThreads(INTER_OP_THREADS)
        // Ops without a GPU kernel (e.g. the input casts) fall back to the CPU.
        .setAllowSoftPlacement(true);
    switch (device) {
      case CPU:
        config.putDeviceCount("GPU", 0);
        // Grappler's memory optimizer (swapping and recomputation) saves GPU memory; on the CPU it only costs
        // seconds per new fetch signature and logs a cost-estimation error for every CropAndResize of a detector.
        config.setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(RewriterConfig.newBuilder()
            .setMemoryOptimization(RewriterConfig.MemOptType.NO_MEM_OPT)));
        break;
      case GPU:
        requireGpu();
        break;
      default:
        throw new AssertionError(device);
    }
    return config.build();
  }

  /** Places one constant on the first GPU with soft placement off: it runs only if the GPU exists. */
  private static void requireGpu() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(FIRST_GPU);
      tf.constant(1f);
      ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session s = new Session(g, strict)) {
        s.runner().fetch(g.operations().next().name()).run().close();
      }
    } catch (TensorFlowException | IllegalArgumentException e) {
      throw new IllegalStateException("--device gpu: TensorFlow sees no " + FIRST_GPU + " (" + e.getMessage()
          + "). The default build has CPU natives: on a machine with CUDA, build the GPU ones with"
          + " `RETHINK_MVN_ARGS=-Pgpu ./rethink ...` (or `mvn -Pgpu package`); else use --device cpu", e);
    }
  }
}
