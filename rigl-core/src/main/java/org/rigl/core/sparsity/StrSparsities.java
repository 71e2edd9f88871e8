package org.rigl.core.sparsity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Port of rigl/str_sparsities.py: the ResNet-50 layer sparsities found by STR, keyed by overall sparsity.
 * The table is the resource {@code str_sparsities.txt} (the STR paper's numbers as tabulated by the reference).
 */
public final class StrSparsities {

  private static final String RESOURCE = "str_sparsities.txt";
  private static final Pattern DOWNSAMPLE = Pattern.compile("layer(\\d)\\.0\\.downsample\\.0");
  private static final Pattern BOTTLENECK_CONV = Pattern.compile("layer(\\d)\\.(\\d)\\.conv(\\d)");

  private StrSparsities() {}

  /**
   * Port of read_all: overall sparsity → (mask name ending in {@code "/mask:0"} → layer sparsity), in table
   * order. A key is the overall percentage divided by 100 in double precision, so e.g. 98.05 gives
   * 0.9804999999999999 and only that exact double is a valid key.
   */
  public static Map<Double, Map<String, Double>> readAll() {
    return Table.ALL;
  }

  /** The 16 valid overall sparsities, in table order. */
  public static List<Double> availableSparsities() {
    return List.copyOf(Table.ALL.keySet());
  }

  /**
   * Port of get_sparsities_str: each mask's sparsity for the exact overall sparsity {@code defaultSparsity}.
   * The custom sparsity map plays no part. Mask names may omit the {@code ":0"} suffix.
   */
  public static LinkedHashMap<String, Double> forMasks(List<MaskSpec> masks, double defaultSparsity) {
    Map<String, Double> layerSparsities = Table.ALL.get(defaultSparsity);
    if (layerSparsities == null) {
      throw new IllegalArgumentException(
          "sparsity: " + defaultSparsity + " is not defined for str; valid sparsities: " + availableSparsities());
    }
    LinkedHashMap<String, Double> sparsities = new LinkedHashMap<>();
    for (MaskSpec mask : masks) {
      String tensorName = mask.name().endsWith(":0") ? mask.name() : mask.name() + ":0";
      Double sparsity = layerSparsities.get(tensorName);
      if (sparsity == null) {
        throw new IllegalArgumentException(
            "The STR table has no ResNet-50 layer for mask '" + mask.name() + "'");
      }
      sparsities.put(mask.name(), sparsity);
    }
    return sparsities;
  }

  /**
   * Port of _name_map_str: the rigl ResNet-50 mask name of a torchvision layer name, e.g.
   * {@code "layer4.2.conv2"} → {@code "resnet_model/bottleneck_2_block_group4_2_1/mask:0"}.
   */
  public static String maskNameForTorchLayer(String torchName) {
    String scope;
    if (torchName.equals("conv1")) {
      scope = "initial_conv";
    } else if (torchName.equals("fc")) {
      scope = "final_dense";
    } else if (torchName.contains("downsample")) {
      Matcher m = find(DOWNSAMPLE, torchName);
      scope = "bottleneck_projection_block_group_projection_block_group" + m.group(1);
    } else {
      Matcher m = find(BOTTLENECK_CONV, torchName);
      int group = Integer.parseInt(m.group(1));
      int block = Integer.parseInt(m.group(2));
      int layer = Integer.parseInt(m.group(3));
      scope = block == 0
          ? "bottleneck_" + layer + "_block_group_projection_block_group" + group
          : "bottleneck_" + layer + "_block_group" + group + "_" + block + "_1";
    }
    return "resnet_model/" + scope + "/mask:0";
  }

  private static Matcher find(Pattern pattern, String torchName) {
    Matcher m = pattern.matcher(torchName);
    if (!m.find()) {
      throw new IllegalArgumentException("Not a ResNet-50 layer name of the STR table: '" + torchName + "'");
    }
    return m;
  }

  /** Lazily parsed, immutable table. */
  private static final class Table {
    static final Map<Double, Map<String, Double>> ALL = load();

    private static Map<Double, Map<String, Double>> load() {
      List<String> lines = readLines();
      List<Double> overall = null;
      Map<Double, Map<String, Double>> table = new LinkedHashMap<>();
      for (String line : lines) {
        // "<label> - <name> <n_params> <flops> <s_1> ... <s_16>"
        String[] fields = line.substring(line.indexOf('-') + 1).trim().split(" +");
        List<String> columns = List.of(fields).subList(3, fields.length);
        if (fields[0].equals("Overall")) {
          overall = new ArrayList<>();
          for (String c : columns) {
            overall.add(Double.parseDouble(c));
          }
          continue;
        }
        if (overall == null || columns.size() != overall.size()) {
          throw new IllegalStateException("Malformed STR table line: " + line);
        }
        String maskName = maskNameForTorchLayer(fields[0]);
        for (int i = 0; i < columns.size(); i++) {
          double key = overall.get(i) / 100;
          table.computeIfAbsent(key, k -> new LinkedHashMap<>())
              .put(maskName, Double.parseDouble(columns.get(i)) / 100.);
        }
      }
      Map<Double, Map<String, Double>> frozen = new LinkedHashMap<>();
      table.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
      return Collections.unmodifiableMap(frozen);
    }

    private static List<String> readLines() {
      try (InputStream in = StrSparsities.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("Missing resource " + RESOURCE);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String trimmed = line.trim();
          if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
            lines.add(trimmed);
          }
        }
        return lines;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
