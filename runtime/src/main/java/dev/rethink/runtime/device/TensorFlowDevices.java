package dev.rethink.runtime.device;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * The devices TensorFlow sees, and whether the CUDA libraries its GPU natives need can be found. The one place
 * that calls TensorFlow's C API directly: TF Java's {@code Session} has no device list, so a throwaway C-API
 * session on an empty graph is opened with the run's {@link ConfigProto} and asked ({@code TF_SessionListDevices});
 * it is closed before returning.
 */
public final class TensorFlowDevices {
  /** The CUDA libraries TensorFlow 2.18's GPU kernels open (CUDA 12 runtime, cuDNN 9), by file name prefix. */
  static final List<String> CUDA_LIBRARIES = List.of("libcudart.so", "libcudnn.so");
  private static final List<String> STANDARD_DIRS = List.of("/usr/local/cuda/lib64", "/usr/lib/x86_64-linux-gnu",
      "/usr/lib64", "/usr/lib");

  private TensorFlowDevices() {}

  /**
   * A device as TensorFlow names it.
   *
   * @param name e.g. {@code /job:localhost/replica:0/task:0/device:CPU:0}
   * @param type {@code CPU} or {@code GPU}
   * @param memoryBytes the memory TensorFlow may use on it (0 when it does not say, as on the CPU)
   */
  public record Listed(String name, String type, long memoryBytes) {}

  /**
   * The devices a session with {@code config} would have.
   *
   * @throws IllegalStateException with TensorFlow's message when no session can be made
   */
  public static List<Listed> list(ConfigProto config) {
    TensorFlow.version(); // loads the natives
    TF_Status status = TF_NewStatus();
    TF_SessionOptions options = TF_NewSessionOptions();
    TF_Graph graph = TF_NewGraph();
    TF_Session session = null;
    try {
      byte[] bytes = config.toByteArray();
      try (BytePointer proto = new BytePointer(bytes)) {
        TF_SetConfig(options, proto, bytes.length, status);
      }
      check(status);
      session = TF_NewSession(graph, options, status);
      check(status);
      TF_DeviceList devices = TF_SessionListDevices(session, status);
      check(status);
      try {
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i < TF_DeviceListCount(devices); i++) {
          String name = TF_DeviceListName(devices, i, status).getString();
          String type = TF_DeviceListType(devices, i, status).getString();
          long memory = TF_DeviceListMemoryBytes(devices, i, status);
          check(status);
          listed.add(new Listed(name, type, memory));
        }
        return listed;
      } finally {
        TF_DeleteDeviceList(devices);
      }
    } finally {
      if (session != null) {
        TF_CloseSession(session, status);
        TF_DeleteSession(session, status);
      }
      TF_DeleteGraph(graph);
      TF_DeleteSessionOptions(options);
      TF_DeleteStatus(status);
    }
  }

  /** True when the GPU natives are on the class path (built with {@code -Pgpu}). */
  public static boolean gpuNatives() {
    return System.getProperty("java.class.path", "").contains("linux-x86_64-gpu");
  }

  /**
   * Each CUDA library TensorFlow's GPU kernels need, with the file found for it in {@code LD_LIBRARY_PATH} or the
   * standard directories, or empty when none is there (then TensorFlow registers no GPU and says so only in its
   * log).
   */
  public static Map<String, Optional<Path>> cudaLibraries(Map<String, String> environment) {
    Set<String> dirs = new LinkedHashSet<>();
    String ld = environment.getOrDefault("LD_LIBRARY_PATH", "");
    for (String d : ld.split(":")) {
      if (!d.isBlank()) {
        dirs.add(d);
      }
    }
    dirs.addAll(STANDARD_DIRS);
    Map<String, Optional<Path>> found = new java.util.LinkedHashMap<>();
    for (String lib : CUDA_LIBRARIES) {
      found.put(lib, find(lib, dirs));
    }
    return found;
  }

  /** The directories {@link #cudaLibraries} searches, for messages. */
  public static String searched(Map<String, String> environment) {
    String ld = environment.getOrDefault("LD_LIBRARY_PATH", "");
    return (ld.isBlank() ? "" : "LD_LIBRARY_PATH (" + ld + "), ") + String.join(", ", STANDARD_DIRS);
  }

  /**
   * Why TensorFlow sees no GPU here, in one sentence: the natives, or the CUDA libraries, or (both present) the
   * driver or the device.
   */
  public static String whyNoGpu(Map<String, String> environment) {
    if (!gpuNatives()) {
      return "this build has TensorFlow's CPU natives; on a machine with CUDA build the GPU ones with"
          + " `RETHINK_MVN_ARGS=-Pgpu ./rethink ...` (or `mvn -Pgpu package`)";
    }
    List<String> missing = new ArrayList<>();
    cudaLibraries(environment).forEach((lib, path) -> {
      if (path.isEmpty()) {
        missing.add(lib + "*");
      }
    });
    if (!missing.isEmpty()) {
      return "the GPU natives are loaded but " + String.join(" and ", missing) + " could not be found in "
          + searched(environment) + " (install CUDA 12 and cuDNN 9, or add their lib directory to"
          + " LD_LIBRARY_PATH)";
    }
    return "the GPU natives and the CUDA libraries are present, so the NVIDIA driver (libcuda.so.1) or the device"
        + " itself is missing or not visible (CUDA_VISIBLE_DEVICES; TensorFlow's log says which)";
  }

  private static Optional<Path> find(String prefix, Set<String> dirs) {
    for (String d : dirs) {
      Path dir = Path.of(d);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        Optional<Path> hit = files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().findFirst();
        if (hit.isPresent()) {
          return hit;
        }
      } catch (IOException e) {
        // an unreadable directory holds nothing usable
      }
    }
    return Optional.empty();
  }

  private static void check(TF_Status status) {
    if (TF_GetCode(status) != 0) {
      throw new IllegalStateException(TF_Message(status).getString());
    }
  }
}
