package org.rigl.tools.model;

import org.rigl.tools.FormatOption;
import org.rigl.core.flags.FlagChecks;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.core.mask.MaskInitializer;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.sparsity.CustomSparsityMap;
import org.rigl.core.sparsity.SparsityCounts;
import org.rigl.models.Network;
import org.rigl.models.ModelZoo;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigl sparsity}: port of {@code sparse_utils.get_sparsities} over a model's masks. */
@Command(
    name = "sparsity",
    mixinStandardHelpOptions = true,
    description = {
      "Per-mask sparsity and ones of a model under a sparsity distribution.",
      "Prints the sparsity and number of ones of every mask of a model under a sparsity distribution",
      "(random = uniform, erdos_renyi, erdos_renyi_kernel with --erk_power_scale, str), as the reference's",
      "mask initialisation computes them (zeros = floor(s * n))."
    })
public final class SparsityCommand implements Callable<Integer> {
  @Mixin ModelOptions model;

  @Option(names = "--end_sparsity", required = true, description = "Overall target sparsity in [0, 1).")
  double endSparsity;

  @Option(names = "--mask_init_method", required = true, description = "random, erdos_renyi, erdos_renyi_kernel or str.")
  String maskInitMethod;

  @Option(names = "--erk_power_scale", defaultValue = "1.0", description = "0 means uniform, 1 regular ERK (default: ${DEFAULT-VALUE}).")
  double erkPowerScale;

  @Option(names = "--custom_sparsity_map", defaultValue = "", description = "Per-layer overrides: scope:sparsity,... (e.g. layer2:0.882,layer3:0).")
  String customSparsityMap;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    boolean json = format.json();
    FlagChecks.fraction("--end_sparsity", endSparsity);
    FlagChecks.nonNegative("--erk_power_scale", erkPowerScale);
    List<Map<String, Object>> layers = new ArrayList<>();
    long params = 0;
    long ones = 0;
    try (Graph graph = new Graph()) {
      MaskRegistry masks = new MaskRegistry(0);
      Network network = ModelZoo.build(model.model, model.flags(), Ops.create(graph), masks);
      Map<String, Double> custom = new HashMap<>(network.customSparsityMap());
      if (!customSparsityMap.isBlank()) {
        custom.putAll(CustomSparsityMap.parse(customSparsityMap));
      }
      Map<String, Double> sparsities =
          MaskInitializer.sparsities(masks, maskInitMethod, endSparsity, custom, erkPowerScale);
      for (MaskedWeights layer : masks.layers()) {
        long n = layer.shape().size();
        double s = sparsities.get(layer.maskName());
        long layerOnes = n - SparsityCounts.nZeros(n, s);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", layer.maskName());
        row.put("shape", layer.shape().asArray());
        row.put("sparsity", s);
        row.put("ones", layerOnes);
        layers.add(row);
        params += n;
        ones += layerOnes;
      }
    }
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("params", params);
    total.put("ones", ones);
    total.put("sparsity", MaskStatistics.sparsity(ones, params));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("layers", layers);
      out.put("total", total);
      System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(out));
      return 0;
    }
    for (Map<String, Object> row : layers) {
      System.out.printf("%-72s %-20s %.6f %,12d%n", row.get("name"), java.util.Arrays.toString((long[]) row.get("shape")),
          (Double) row.get("sparsity"), (Long) row.get("ones"));
    }
    System.out.printf("total: %,d weights in %d masks, %,d ones, sparsity %.6f%n", params, layers.size(), ones,
        (Double) total.get("sparsity"));
    return 0;
  }
}
