package dev.rethink.runtime.report.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rethink.graph.core.OneDnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor a run used and the CPU kernel path TensorFlow takes on it. oneDNN picks its kernels by the
 * processor's instruction sets, so the same study gives different (each reproducible) figures on an Intel host with
 * AMX and an AMD EPYC with AVX-512: a figure is only comparable with the CPU beside it.
 *
 * @param vendor {@code vendor_id} from {@code /proc/cpuinfo} (GenuineIntel, AuthenticAMD), or the JVM's arch
 * @param model {@code model name}
 * @param isa the instruction sets among {@link #KERNEL_ISAS} that the processor reports, widest last
 * @param oneDnn whether TensorFlow's oneDNN kernels are on ({@code TF_ENABLE_ONEDNN_OPTS})
 * @param oneDnnMaxIsa {@code ONEDNN_MAX_CPU_ISA} when set: oneDNN uses no wider instruction set than this
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cpu(String vendor, String model, List<String> isa, boolean oneDnn, String oneDnnMaxIsa) {
  /** The {@code /proc/cpuinfo} flags that change oneDNN's choice of kernels, narrowest first. */
  public static final List<String> KERNEL_ISAS = List.of("avx2", "avx512f", "avx512_vnni", "avx512_bf16",
      "amx_tile", "amx_bf16");
  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  /** This host's processor and this process's kernel path. */
  public static Cpu current() {
    return parse(currentInfo(), System.getenv());
  }

  /** {@code /proc/cpuinfo}, or an empty text where there is none (not Linux). */
  public static String currentInfo() {
    try {
      return Files.readString(CPUINFO);
    } catch (IOException | SecurityException e) {
      return "";
    }
  }

  /** Reads the first processor of a {@code /proc/cpuinfo} text and the oneDNN variables of {@code environment}. */
  public static Cpu parse(String cpuinfo, Map<String, String> environment) {
    String vendor = null;
    String model = null;
    Set<String> flags = new TreeSet<>();
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        if (vendor != null) {
          break; // the blank line after the first processor
        }
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "vendor_id" -> vendor = value;
        case "model name" -> model = value;
        case "flags" -> flags.addAll(List.of(value.split("\\s+")));
        default -> { }
      }
    }
    List<String> isa = KERNEL_ISAS.stream().filter(flags::contains).toList();
    return new Cpu(vendor != null ? vendor : System.getProperty("os.arch"), model, isa,
        OneDnn.enabled(environment), environment.get("ONEDNN_MAX_CPU_ISA"));
  }

  /** One line for logs and reports, e.g. {@code AuthenticAMD AMD EPYC (avx2 avx512f …), oneDNN on}. */
  public String summary() {
    return vendor + (model != null ? " " + model : "") + " (" + String.join(" ", isa) + "), oneDNN "
        + (oneDnn ? "on" + (oneDnnMaxIsa != null ? " up to " + oneDnnMaxIsa : "") : "off");
  }
}
