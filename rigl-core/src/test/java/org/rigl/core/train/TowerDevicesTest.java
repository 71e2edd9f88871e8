package org.rigl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;

@Tag("fast")
class TowerDevicesTest {

  private static List<String> names(List<DeviceSpec> devices) {
    return devices.stream().map(DeviceSpec::toString).toList();
  }

  @Test
  void towersGoToGpusWhenVisibleElseToCpuDevices() {
    assertEquals(List.of("/device:GPU:0", "/device:GPU:1", "/device:GPU:2"), names(TowerDevices.place(3, 4)));
    assertEquals(List.of("/device:CPU:0", "/device:CPU:1"), names(TowerDevices.place(2, 0)));
    assertEquals(List.of("/device:CPU:0"), names(TowerDevices.place(1, 0)));
    assertThrows(IllegalArgumentException.class, () -> TowerDevices.place(3, 2));
    assertThrows(IllegalArgumentException.class, () -> TowerDevices.place(0, 0));
  }

  @Test
  void zeroTowersMeansOnePerVisibleGpuOrOneOnCpu() {
    assertEquals(4, TowerDevices.resolveCount(0, 4));
    assertEquals(1, TowerDevices.resolveCount(0, 0));
    assertEquals(2, TowerDevices.resolveCount(2, 0));
    assertEquals(2, TowerDevices.resolveCount(2, 8));
    assertThrows(IllegalArgumentException.class, () -> TowerDevices.resolveCount(-1, 0));
  }

  @Test
  void cpuConfigAsksForOneDevicePerTower() {
    assertEquals(Integer.valueOf(3), TowerDevices.sessionConfig(3, 0).getDeviceCountMap().get("CPU"));
    assertEquals(true, TowerDevices.sessionConfig(2, 2).getGpuOptions().getAllowGrowth());
    assertEquals(true, TowerDevices.sessionConfig(2, 0).getAllowSoftPlacement());
  }

  @Test
  void theCpuNativesSeeNoGpu() {
    // The tests run on the default (CPU) natives; -Pgpu builds are not tested here.
    assertEquals(0, TowerDevices.visibleGpus());
  }
}
