package org.rigl.tools.ckpt;

import picocli.CommandLine.Mixin;
import org.rigl.tools.FormatOption;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.CheckpointIndex;
import org.rigl.core.io.TensorEntry;
import org.rigl.core.mask.MaskStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rigl ckpt inspect PREFIX}: the port of {@code tf.train.list_variables} plus values and mask sparsity. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Lists every tensor of a checkpoint: name, dtype, shape, the value of scalars and the sparsity of masks",
      "(tensors named '.../mask'). Reads the index with a pure-Java reader and verifies checksums; works on",
      "TF1 and TF2 checkpoints, Snappy-compressed or not."
    })
public final class CkptInspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "PREFIX", description = "Checkpoint prefix (e.g. OUTPUT_DIR/model.ckpt-1000) or its .index file.")
  Path prefix;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws IOException {
    boolean json = format.json();
    List<Map<String, Object>> rows = new ArrayList<>();
    try (BundleDataReader data = BundleDataReader.open(prefix)) {
      CheckpointIndex index = data.index();
      for (TensorEntry entry : index.entries()) {
        data.verify(entry.name());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", entry.name());
        row.put("dtype", dtypeName(entry));
        row.put("shape", entry.shape());
        if (entry.numElements() == 1 && entry.rank() == 0) {
          Object value = scalar(data, entry);
          if (value != null) {
            row.put("value", value);
          }
        }
        if (entry.name().endsWith("/mask") && entry.dtype() == org.tensorflow.proto.DataType.DT_FLOAT) {
          row.put("sparsity", MaskStatistics.zeroFraction(data.readFloats(entry.name())));
        }
        rows.add(row);
      }
    }
    if (json) {
      System.out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(Map.of("tensors", rows)));
    } else {
      for (Map<String, Object> row : rows) {
        StringBuilder line = new StringBuilder(String.format("%-60s %-8s %-18s", row.get("name"), row.get("dtype"),
            Arrays.toString((long[]) row.get("shape"))));
        if (row.containsKey("value")) {
          line.append(" value=").append(row.get("value"));
        }
        if (row.containsKey("sparsity")) {
          line.append(String.format(" sparsity=%.4f", (Double) row.get("sparsity")));
        }
        System.out.println(line.toString().stripTrailing());
      }
    }
    return 0;
  }

  /** TF's short dtype names (float32, int64, string, ...). */
  private static String dtypeName(TensorEntry entry) {
    return switch (entry.dtype()) {
      case DT_FLOAT -> "float32";
      case DT_DOUBLE -> "float64";
      case DT_INT32 -> "int32";
      case DT_INT64 -> "int64";
      case DT_BOOL -> "bool";
      case DT_STRING -> "string";
      default -> entry.dtype().name().substring(3).toLowerCase();
    };
  }

  private static Object scalar(BundleDataReader data, TensorEntry entry) throws IOException {
    return switch (entry.dtype()) {
      case DT_FLOAT -> data.readFloat(entry.name());
      case DT_DOUBLE -> data.readDouble(entry.name());
      case DT_INT32 -> data.readInt(entry.name());
      case DT_INT64 -> data.readLong(entry.name());
      case DT_BOOL -> data.readBoolean(entry.name());
      case DT_STRING -> printable(data.readString(entry.name()));
      default -> null;
    };
  }

  /** A string scalar's text if it is printable UTF-8 (a serialized proto is not: omitted). */
  private static String printable(byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t') ? text : null;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
