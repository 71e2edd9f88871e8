package org.rigl.tools;

import picocli.CommandLine.Mixin;
import org.rigl.models.ModelFlags;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.core.flops.FlopCounter;
import org.rigl.core.flops.FlopStats;
import org.rigl.core.flops.LayerDesc;
import org.rigl.core.flops.PythonFormat;
import org.rigl.core.sparsity.ZeroCountRounding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rigl flops}: the reference's Resnet_50_Param_Flops_Counting and MobileNet_Counting colabs, i.e.
 * sparse_utils.get_stats on the Keras ResNet-50 / MobileNet-v1, which give the README's "Inference FLOPs" and
 * "Model Size" columns. First/last layer flags follow imagenet_train_eval.py's set_custom_sparsity_map.
 */
@Command(
    name = "flops",
    mixinStandardHelpOptions = true,
    description = {
      "Inference FLOPs and model size of sparse ResNet-50 / MobileNet-v1 (the FLOPs colabs).",
      "Inference FLOPs, model size and real sparsity of a sparse ResNet-50 or",
      "MobileNet-v1 (ImageNet, 224x224) as the reference's colabs count them",
      "(sparse_utils.get_stats, micronet_challenge counting), and the FLOPs",
      "ratio to the dense width-1 model."
    })
final class FlopsCommand implements Callable<Integer> {
  private static final List<String> METHODS = List.of("random", "erdos_renyi", "erdos_renyi_kernel");
  private static final double DEFAULT_SPARSITY_FLAG = -1;

  @Option(names = "--model", description = "resnet50 or mobilenet_v1 (required).")
  String model;

  @Option(names = "--end_sparsity", description = "Default sparsity of the masked layers, in [0, 1) (required).")
  Double endSparsity;

  @Option(names = "--mask_init_method", description = "random, erdos_renyi or erdos_renyi_kernel (required).")
  String maskInitMethod;

  @Option(names = "--first_layer_sparsity", defaultValue = "0",
      description = "First layer (conv1): 0 = not masked (dense), -1 = the method's sparsity, > 0 = this "
          + "sparsity (default: ${DEFAULT-VALUE}, as imagenet_train_eval.py; the README's ERK rows use -1, or 0 at "
          + "96.5%% and 99%%, its uniform rows 0).")
  double firstLayerSparsity;

  @Option(names = "--last_layer_sparsity", defaultValue = "-1",
      description = "Last layer (fc1000 / conv_preds), same encoding (default: ${DEFAULT-VALUE}).")
  double lastLayerSparsity;

  @Option(names = "--depthwise_sparsity", defaultValue = "0",
      description = "MobileNet's depthwise layers, same encoding (default: ${DEFAULT-VALUE}: the reference never "
          + "masks them; the colab's width searches use -1).")
  double depthwiseSparsity;

  @Option(names = "--width", defaultValue = "1", description = "Width multiplier (default: ${DEFAULT-VALUE}).")
  double width;

  @Option(names = "--erk_power_scale", defaultValue = "1.0",
      description = "Power of the ERK probabilities: 0 means uniform, 1 regular ERK (default: ${DEFAULT-VALUE}).")
  double erkPowerScale;

  @Option(names = "--param_size", defaultValue = "32", description = "Bits per parameter (default: ${DEFAULT-VALUE}).")
  int paramSize;

  @Option(names = "--n_zeros_rounding", defaultValue = "ceil",
      description = "get_n_zeros rounding of the ERK budget: ceil, as when the colab outputs and the README's "
          + "sizes were produced, or floor, as sparse_utils since 2020-10 (default: ${DEFAULT-VALUE}).")
  String nZerosRounding;

  @Mixin FormatOption format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    KerasFlopsModel network = KerasFlopsModel.parse(required("--model", model, KerasFlopsModel.validNames()));
    double sparsity = required("--end_sparsity", endSparsity, "[0, 1)");
    String method = required("--mask_init_method", maskInitMethod, String.join(", ", METHODS));
    checkFlags(sparsity, method);
    boolean json = format.json();
    ZeroCountRounding rounding = ZeroCountRounding.valueOf(nZerosRounding.toUpperCase(Locale.ROOT));

    List<LayerDesc> layers = network.layers.get();
    Map<String, Double> custom = customSparsities(network, firstLayerSparsity, lastLayerSparsity, depthwiseSparsity);
    FlopStats sparse = FlopCounter.getStats(layers, sparsity, method, custom, width, network.firstLayerName,
        network.lastLayerName, paramSize, erkPowerScale, rounding);
    FlopStats dense = FlopCounter.getStats(layers, 0.0, "random", Map.of(), 1.0, network.firstLayerName,
        network.lastLayerName, paramSize, erkPowerScale, rounding);
    double ratio = sparse.totalFlops() / dense.totalFlops();

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println("{\"mflops\": " + sparse.megaFlops() + ", \"mbytes\": " + sparse.megaBytes()
          + ", \"real_sparsity\": " + sparse.realSparsity() + ", \"dense_mflops\": " + dense.megaFlops()
          + ", \"flops_ratio\": " + ratio + "}");
    } else {
      // The colabs' print_stats lines, rounded as Python does, then the comparison with the dense model.
      out.println("Model: " + network.flagName + ", Method: " + method + ", Sparsity: "
          + PythonFormat.fixed(sparsity, 6) + ", Width: " + width);
      out.println("Total Flops: " + PythonFormat.fixed(sparse.megaFlops(), 3) + " MFlops");
      out.println("Total Size: " + PythonFormat.fixed(sparse.megaBytes(), 3) + " Mbytes");
      out.println("Real Sparsity: " + PythonFormat.fixed(sparse.realSparsity(), 3));
      out.println("Dense Flops (width 1): " + PythonFormat.fixed(dense.megaFlops(), 3) + " MFlops");
      out.println("Flops Ratio: " + PythonFormat.fixed(ratio, 2) + "x");
    }
    out.flush();
    return 0;
  }

  private void checkFlags(double sparsity, String method) {
    checkSparsity("--end_sparsity", sparsity, "[0, 1)");
    checkChoice("--mask_init_method", method, METHODS);
    checkLayerSparsity("--first_layer_sparsity", firstLayerSparsity);
    checkLayerSparsity("--last_layer_sparsity", lastLayerSparsity);
    checkLayerSparsity("--depthwise_sparsity", depthwiseSparsity);
    if (!(width > 0 && width <= ModelFlags.MAX_WIDTH)) {
      throw new IllegalArgumentException("--width: " + width + " is not valid (valid: (0, " + ModelFlags.MAX_WIDTH + "])");
    }
    if (!Double.isFinite(erkPowerScale)) {
      throw new IllegalArgumentException("--erk_power_scale: " + erkPowerScale + " is not valid (valid: a number)");
    }
    if (paramSize <= 0) {
      throw new IllegalArgumentException("--param_size: " + paramSize + " is not valid (valid: a positive integer)");
    }
    checkChoice("--n_zeros_rounding", nZerosRounding, List.of("ceil", "floor"));
  }

  /**
   * The custom sparsity map get_stats receives, keyed by kernel name. As set_custom_sparsity_map and the
   * prune_first/last_layer switches: a layer flag above 0 overrides the sparsity, 0 leaves the layer unmasked
   * (dense, outside the ERK budget), -1 gives it the method's sparsity.
   */
  static Map<String, Double> customSparsities(KerasFlopsModel network, double firstLayer, double lastLayer,
      double depthwise) {
    Map<String, Double> custom = new LinkedHashMap<>();
    putLayerSparsity(custom, network.firstLayerKernel, firstLayer);
    for (String kernel : network.depthwiseKernels) {
      putLayerSparsity(custom, kernel, depthwise);
    }
    putLayerSparsity(custom, network.lastLayerKernel, lastLayer);
    return custom;
  }

  private static void putLayerSparsity(Map<String, Double> custom, String kernel, double flag) {
    if (flag != DEFAULT_SPARSITY_FLAG) {
      custom.put(kernel, flag);
    }
  }

  private static <T> T required(String flag, T value, String valid) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " is required (valid: " + valid + ")");
    }
    return value;
  }

  private static void checkSparsity(String flag, double value, String valid) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(flag + ": " + value + " is not valid (valid: " + valid + ")");
    }
  }

  private static void checkLayerSparsity(String flag, double value) {
    if (value != DEFAULT_SPARSITY_FLAG) {
      checkSparsity(flag, value, "-1, or [0, 1)");
    }
  }

  private static void checkChoice(String flag, String value, List<String> valid) {
    if (!valid.contains(value)) {
      throw new IllegalArgumentException(
          flag + ": '" + value + "' is not valid (valid: " + String.join(", ", valid) + ")");
    }
  }
}
