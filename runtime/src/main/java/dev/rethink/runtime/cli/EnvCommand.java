package dev.rethink.runtime.cli;

import dev.rethink.graph.core.OneDnn;
import dev.rethink.runtime.report.provenance.Cpu;
import dev.rethink.runtime.report.provenance.Platform;
import dev.rethink.runtime.device.TensorFlowDevices;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.tensorflow.proto.ConfigProto;

/**
 * {@code rethink env}: what this machine runs a study with — TensorFlow and its natives, the JVM, the processor and
 * the CPU kernel path (oneDNN on or off, its widest instruction set). The same facts go into every run's
 * {@code provenance.json}, so a figure can be traced to the host that produced it.
 */
final class EnvCommand extends Command {
  private final Environment environment;

  EnvCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  String name() {
    return "env";
  }

  @Override
  String summary() {
    return "Show TensorFlow, the JVM, the processor and the CPU kernel path this machine runs studies with.";
  }

  @Override
  int execute(CommandLine line, PrintStream out, PrintStream err) {
    noArguments(line);
    Platform p = Platform.current();
    Cpu cpu = Cpu.parse(Cpu.currentInfo(), environment.variables());
    String natives = TensorFlowDevices.gpuNatives() ? "GPU (linux-x86_64-gpu)" : "CPU (linux-x86_64)";
    row(out, "TensorFlow", p.tensorflow() + ", " + natives + " natives");
    row(out, "Java", p.java() + " (" + p.javaVm() + "), max heap " + (p.maxHeapBytes() >> 20) + " MiB");
    row(out, "OS", p.os() + " " + p.arch() + ", host " + p.host() + ", " + p.processors() + " processors");
    row(out, "CPU", cpu.vendor() + (cpu.model() != null ? " " + cpu.model() : ""));
    row(out, "instruction sets", cpu.isa().isEmpty() ? "none of " + Cpu.KERNEL_ISAS : String.join(" ", cpu.isa()));
    row(out, "oneDNN kernels", cpu.oneDnn()
        ? "on" + (cpu.oneDnnMaxIsa() != null ? ", up to " + cpu.oneDnnMaxIsa() + " (ONEDNN_MAX_CPU_ISA)"
            : ", widest instruction set of this CPU")
        : "off (" + OneDnn.ENABLE_VARIABLE + "=" + environment.variables().get(OneDnn.ENABLE_VARIABLE)
            + "): TensorFlow's Eigen kernels, about 3x slower for detectors; grouped convolutions run per group");
    row(out, "kernel path notes", "strided 1x1 convolutions of fewer than " + OneDnn.SIMD_FLOATS
        + " input channels are built as subsample + 1x1 (oneDNN 3.5's strided 1x1 weight gradient"
        + " corrupts the heap there on AVX-512 hosts without AMX)");
    row(out, "deterministic ops", p.deterministicOps() != null ? "TF_DETERMINISTIC_OPS=" + p.deterministicOps()
        : "unset (./rethink sets TF_DETERMINISTIC_OPS=1; exact resumes of detectors need it)");
    devices(out);
    return ExitCodes.OK;
  }

  /**
   * The devices a default session sees (name, kind, memory), and for the GPU natives the CUDA libraries they need;
   * without a GPU, why there is none.
   */
  private void devices(PrintStream out) {
    List<TensorFlowDevices.Listed> listed;
    try {
      listed = TensorFlowDevices.list(ConfigProto.getDefaultInstance());
    } catch (RuntimeException e) {
      row(out, "devices", "none listed: " + e.getMessage());
      listed = List.of();
    }
    for (TensorFlowDevices.Listed d : listed) {
      row(out, "device", d.name() + " (" + d.type() + (d.memoryBytes() > 0
          ? String.format(Locale.ROOT, ", memory limit %.0f MiB", d.memoryBytes() / 1048576.0) : "") + ")");
    }
    if (TensorFlowDevices.gpuNatives()) {
      TensorFlowDevices.cudaLibraries(environment.variables()).forEach((lib, path) -> row(out, lib,
          path.map(Object::toString).orElse("not found in " + TensorFlowDevices.searched(environment.variables()))));
    }
    if (listed.stream().noneMatch(d -> d.type().equals("GPU"))) {
      row(out, "GPU", "none: " + TensorFlowDevices.whyNoGpu(environment.variables()));
    }
    row(out, "towers", "--devices cpu:N makes N virtual CPU devices (they share the " + Runtime.getRuntime()
        .availableProcessors() + " processors); --devices gpu:I-J needs those GPUs listed above");
  }

  private static void row(PrintStream out, String key, String value) {
    out.printf("%-18s %s%n", key + ":", value);
  }
}
