package dev.rethink.runtime.report.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.net.InetAddress;
import org.tensorflow.TensorFlow;

/**
 * The software and machine a run used.
 *
 * @param tensorflow {@code TensorFlow.version()} of the native library
 * @param java {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param javaVm {@code java.vm.name} and {@code java.vm.version}
 * @param os {@code os.name} and {@code os.version}
 * @param arch {@code os.arch}
 * @param host the host name
 * @param processors processors available to the JVM
 * @param maxHeapBytes the JVM's maximum heap
 * @param deterministicOps the {@code TF_DETERMINISTIC_OPS} environment variable TensorFlow read at start-up (null
 *     if unset): with {@code 1}, its kernels are deterministic, which exact resumes of detectors need on CPU
 * @param cpu the processor and TensorFlow's CPU kernel path on it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String tensorflow, String java, String javaVendor, String javaVm, String os, String arch,
    String host, int processors, long maxHeapBytes, String deterministicOps, Cpu cpu) {

  /** This process's platform. */
  public static Platform current() {
    return new Platform(TensorFlow.version(), System.getProperty("java.version"), System.getProperty("java.vendor"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
        hostName(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
        System.getenv("TF_DETERMINISTIC_OPS"), Cpu.current());
  }

  /** The host name, or {@code unknown-host} where it does not resolve. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
