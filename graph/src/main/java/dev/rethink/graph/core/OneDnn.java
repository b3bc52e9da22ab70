package dev.rethink.graph.core;

import java.util.Locale;
import java.util.Map;

/**
 * What the lowerings need to know about TensorFlow's oneDNN CPU kernels, which TensorFlow swaps in for its own
 * (Eigen) kernels at graph-optimization time unless {@code TF_ENABLE_ONEDNN_OPTS} turns them off.
 *
 * <p>Two facts shape the graph. oneDNN 3.5 (TensorFlow 2.18, TF Java 1.1.0) crashes or corrupts the heap on
 * AVX-512 hosts without AMX when it computes the weight gradient of a strided 1×1 convolution whose input has
 * fewer channels than one AVX-512 register holds floats ({@link #SIMD_FLOATS}): its strided 1×1 kernel copies the
 * subsampled input into a buffer sized for whole channel blocks. And TensorFlow's own kernels have no gradient for
 * grouped convolutions on CPU, so with oneDNN off a grouped convolution must be built from per-group ones.
 */
public final class OneDnn {
  /** Floats in one AVX-512 register: oneDNN's channel block on AVX-512 hosts. */
  public static final int SIMD_FLOATS = 16;
  /** TensorFlow's switch for its oneDNN kernels (on by default on x86-64 Linux). */
  public static final String ENABLE_VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

  private OneDnn() {}

  /** Whether this process runs TensorFlow's oneDNN kernels (read from the environment, as TensorFlow does). */
  public static boolean enabled() {
    return enabled(System.getenv());
  }

  /** TensorFlow's reading of {@link #ENABLE_VARIABLE}: "0" or "false" turn oneDNN off, anything else leaves it on. */
  public static boolean enabled(Map<String, String> environment) {
    String value = environment.get(ENABLE_VARIABLE);
    if (value == null) {
      return true;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return !(v.equals("0") || v.equals("false"));
  }
}
