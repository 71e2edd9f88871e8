package org.rigl.core.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Where data-parallel towers run: one per visible GPU ({@code /device:GPU:i}) when the GPU natives
 * ({@code -Pgpu}) see any, else on CPU devices {@code /device:CPU:i}, which a session only has
 * when its config asks for that many ({@link #sessionConfig}).
 */
public final class TowerDevices {
  /** An upper bound for the GPU probe, so it always ends. */
  static final int MAX_PROBED_GPUS = 64;

  private TowerDevices() {}

  /**
   * {@code --num_towers}: a positive request is kept; 0 asks for one tower per visible GPU, or a
   * single tower when there is none (CPU by default).
   */
  public static int resolveCount(int requested, int visibleGpus) {
    if (requested < 0) {
      throw new IllegalArgumentException("--num_towers must be 0 (one per visible GPU) or positive, got " + requested);
    }
    return requested > 0 ? requested : Math.max(1, visibleGpus);
  }

  /** The device of each tower: GPUs when any are visible, else CPU devices. */
  public static List<DeviceSpec> place(int numTowers, int visibleGpus) {
    if (numTowers < 1) {
      throw new IllegalArgumentException("need at least one tower, got " + numTowers);
    }
    if (visibleGpus > 0 && numTowers > visibleGpus) {
      throw new IllegalArgumentException(
          "--num_towers " + numTowers + " is more than the " + visibleGpus + " visible GPUs");
    }
    DeviceSpec.DeviceType type = visibleGpus > 0 ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU;
    List<DeviceSpec> devices = new ArrayList<>();
    for (int i = 0; i < numTowers; i++) {
      devices.add(DeviceSpec.newBuilder().deviceType(type).deviceIndex(i).build());
    }
    return devices;
  }

  /**
   * A session config giving CPU towers their devices ({@code device_count {CPU: n}}); ops without a
   * GPU kernel (the input pipeline, summaries) fall back to the CPU, and GPU memory grows as needed
   * so towers share the cards with nothing else reserved up front.
   */
  public static ConfigProto sessionConfig(int numTowers, int visibleGpus) {
    ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
    if (visibleGpus == 0) {
      config.putDeviceCount("CPU", numTowers);
    } else {
      config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
    }
    return config.build();
  }

  /**
   * How many GPUs this process's TensorFlow sees: places a constant on {@code /device:GPU:i}
   * without soft placement until that fails (the CPU natives have no GPU device at all).
   */
  public static int visibleGpus() {
    ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false)
        .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
    int found = 0;
    while (found < MAX_PROBED_GPUS && runsOn(DeviceSpec.newBuilder()
        .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(found).build(), strict)) {
      found++;
    }
    return found;
  }

  private static boolean runsOn(DeviceSpec device, ConfigProto config) {
    try (Graph graph = new Graph(); Session session = new Session(graph, config)) {
      Ops tf = Ops.create(graph).withDevice(device);
      session.runner().fetch(tf.identity(tf.constant(1f))).run().close();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
