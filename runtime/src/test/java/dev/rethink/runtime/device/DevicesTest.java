package dev.rethink.runtime.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rethink.graph.core.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --devices}: the documented forms, the canonical names, the placements, and messages naming the value. */
class DevicesTest {
  @Test
  void parsesCpuCountsGpuRangesAndLists() {
    assertEquals(new Devices(Device.CPU, List.of(0, 1, 2, 3)), Devices.parse("cpu:4"));
    assertEquals(new Devices(Device.CPU, List.of(0)), Devices.parse("cpu"));
    assertEquals(new Devices(Device.GPU, List.of(0, 1, 2, 3, 4, 5, 6, 7)), Devices.parse("gpu:0-7"));
    assertEquals(new Devices(Device.GPU, List.of(0, 1)), Devices.parse("gpu:0,1"));
    assertEquals(new Devices(Device.GPU, List.of(0, 2, 3, 5)), Devices.parse("GPU:0,2-3,5"));
    assertEquals(new Devices(Device.GPU, List.of(0)), Devices.parse("gpu"));
    assertEquals("gpu:0,1,2", Devices.parse("gpu:0-2").cliName());
    assertEquals("cpu:2", Devices.parse("cpu:2").cliName());
  }

  @Test
  void oneDeviceZeroIsTensorFlowsDefaultPlacementAndSeveralArePinned() {
    assertTrue(Devices.parse("cpu:1").placement(1).isSingle());
    assertEquals(Placement.single(), Devices.parse("gpu:0").placement(1));
    Placement p = Devices.parse("gpu:2,3").placement(2);
    assertEquals(List.of("/device:GPU:2", "/device:GPU:3"), p.devices().stream().map(Object::toString).toList());
    assertEquals(4, p.replicas());
  }

  @Test
  void malformedValuesAreRefusedNamingTheOptionAndTheValue() {
    for (String bad : List.of("tpu:1", "cpu:0", "cpu:x", "gpu:3-1", "gpu:0,0", "gpu:", "gpu:1-2-3", "gpu:,1")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Devices.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("--devices " + bad + ":"), e.getMessage());
    }
  }

  @Test
  void aGpuTensorFlowDoesNotSeeIsRefusedWithTheReason() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Devices.parse("gpu:0,1").requireAvailable());
    assertTrue(e.getMessage().startsWith("--devices gpu:0,1: TensorFlow sees no GPU, not /device:GPU:0,"
        + " /device:GPU:1"), e.getMessage());
    // This build has the CPU natives (the GPU natives need -Pgpu): the reason says so.
    assertTrue(e.getMessage().contains(TensorFlowDevices.gpuNatives() ? "CUDA" : "CPU natives"), e.getMessage());
  }

  @Test
  void tensorFlowListsTheVirtualCpuDevicesTowersRunOn() {
    List<TensorFlowDevices.Listed> listed = TensorFlowDevices.list(SessionConfigs.forDevices(Devices.parse("cpu:3")));
    assertEquals(List.of("CPU", "CPU", "CPU"), listed.stream().map(TensorFlowDevices.Listed::type).toList());
    assertTrue(listed.get(2).name().endsWith("/device:CPU:2"), listed.toString());
  }
}
