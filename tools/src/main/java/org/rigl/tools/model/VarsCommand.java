package org.rigl.tools.model;

import org.rigl.tools.FormatOption;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rigl.models.ModelZoo;
import org.rigl.models.layers.VariableInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigl vars}: every variable a model creates, named as the Python reference names it. */
@Command(
    name = "vars",
    mixinStandardHelpOptions = true,
    description = {
      "Every variable a model creates, named as the Python reference names it.",
      "Lists every variable the model creates (name, shape, dtype, trainable) in creation order, with the",
      "reference's TF1 names, so checkpoints can be compared name for name. Builds the graph only; runs nothing."
    })
public final class VarsCommand implements Callable<Integer> {
  @Mixin ModelOptions model;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    boolean json = format.json();
    List<VariableInfo> variables = ModelZoo.describeVariables(model.model, model.flags());
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (VariableInfo v : variables) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", v.name());
        row.put("shape", v.shape());
        row.put("dtype", v.dtype());
        row.put("trainable", v.trainable());
        rows.add(row);
      }
      System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(Map.of("variables", rows)));
      return 0;
    }
    long trainable = 0;
    for (VariableInfo v : variables) {
      System.out.printf("%-75s %-8s %-20s %s%n", v.name(), v.dtype(), java.util.Arrays.toString(v.shape()),
          v.trainable() ? "trainable" : "");
      trainable += v.trainable() ? v.size() : 0;
    }
    System.out.printf("%d variables, %,d trainable parameters%n", variables.size(), trainable);
    return 0;
  }
}
