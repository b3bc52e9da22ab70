package dev.rethink.runtime.report.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor and kernel path recorded with a run, read from {@code /proc/cpuinfo} texts of both host kinds. */
class CpuTest {
  /** Abridged from an AMD EPYC VM (Zen 4 class): AVX-512 with BF16 and VNNI, no AMX. */
  private static final String AMD = """
      processor\t: 0
      vendor_id\t: AuthenticAMD
      cpu family\t: 26
      model name\t: AMD EPYC
      flags\t\t: fpu sse sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 avx512_vnni
      
      processor\t: 1
      vendor_id\t: AuthenticAMD
      model name\t: AMD EPYC
      flags\t\t: fpu
      """;
  /** Abridged from a Sapphire Rapids VM: AVX-512 with AMX. */
  private static final String INTEL = """
      processor\t: 0
      vendor_id\t: GenuineIntel
      model name\t: Intel(R) Xeon(R) Platinum 8488C
      flags\t\t: fpu avx avx2 avx512f avx512_vnni avx512_bf16 amx_bf16 amx_tile amx_int8
      """;

  @Test
  void readsTheFirstProcessorsVendorModelAndKernelInstructionSets() {
    Cpu amd = Cpu.parse(AMD, Map.of());
    assertEquals("AuthenticAMD", amd.vendor());
    assertEquals("AMD EPYC", amd.model());
    assertEquals(List.of("avx2", "avx512f", "avx512_vnni", "avx512_bf16"), amd.isa());
    assertTrue(amd.oneDnn());
    assertNull(amd.oneDnnMaxIsa());
    assertEquals("AuthenticAMD AMD EPYC (avx2 avx512f avx512_vnni avx512_bf16), oneDNN on", amd.summary());

    Cpu intel = Cpu.parse(INTEL, Map.of());
    assertEquals(List.of("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_tile", "amx_bf16"), intel.isa());
  }

  @Test
  void recordsTheKernelPathTheEnvironmentChose() {
    Cpu off = Cpu.parse(AMD, Map.of("TF_ENABLE_ONEDNN_OPTS", "0"));
    assertFalse(off.oneDnn());
    assertTrue(off.summary().endsWith("oneDNN off"), off.summary());
    assertFalse(Cpu.parse(AMD, Map.of("TF_ENABLE_ONEDNN_OPTS", "false")).oneDnn());
    assertTrue(Cpu.parse(AMD, Map.of("TF_ENABLE_ONEDNN_OPTS", "1")).oneDnn());
    Cpu capped = Cpu.parse(AMD, Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"));
    assertEquals("AVX2", capped.oneDnnMaxIsa());
    assertTrue(capped.summary().endsWith("oneDNN on up to AVX2"), capped.summary());
  }

  @Test
  void aHostWithoutCpuinfoStillNamesItsArchitecture() {
    Cpu none = Cpu.parse("", Map.of());
    assertEquals(System.getProperty("os.arch"), none.vendor());
    assertEquals(List.of(), none.isa());
  }
}
