package dev.rethink.runtime.cli;

import dev.rethink.graph.core.OneDnn;
import dev.rethink.runtime.report.provenance.Cpu;
import dev.rethink.runtime.report.provenance.Platform;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

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
  String arguments() {
    return "";
  }

  @Override
  Options options() {
    return new Options();
  }

  @Override
  int execute(CommandLine line, PrintStream out, PrintStream err) {
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("env takes no arguments, got " + line.getArgList());
    }
    Platform p = Platform.current();
    Cpu cpu = Cpu.parse(Cpu.currentInfo(), environment.variables());
    String natives = System.getProperty("java.class.path").contains("linux-x86_64-gpu") ? "GPU (linux-x86_64-gpu)"
        : "CPU (linux-x86_64)";
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
    return ExitCodes.OK;
  }

  private static void row(PrintStream out, String key, String value) {
    out.printf("%-18s %s%n", key + ":", value);
  }
}
