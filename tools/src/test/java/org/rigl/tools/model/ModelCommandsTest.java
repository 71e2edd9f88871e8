package org.rigl.tools.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.rigl.tools.CliRun;

class ModelCommandsTest {

  @Test
  void sparsityJsonForResNet50Erk() {
    CliRun run = CliRun.of("sparsity", "--model=resnet50", "--end_sparsity=0.8", "--mask_init_method=erdos_renyi_kernel",
        "--first_layer_sparsity=-1", "--format=json");
    assertEquals(0, run.exitCode(), run.err());
    JsonObject out = JsonParser.parseString(run.out()).getAsJsonObject();
    assertEquals(54, out.getAsJsonArray("layers").size());
    JsonObject total = out.getAsJsonObject("total");
    assertEquals(25_502_912, total.get("params").getAsLong());
    assertEquals(0.8, total.get("sparsity").getAsDouble(), 1e-4);
    JsonObject first = out.getAsJsonArray("layers").get(0).getAsJsonObject();
    assertEquals("resnet_model/initial_conv/mask", first.get("name").getAsString());
    assertEquals("[7,7,3,64]", first.get("shape").toString());
  }

  @Test
  void sparsityOfTheMnistExperiment() {
    CliRun run = CliRun.of("sparsity", "--model=mnist_fc", "--end_sparsity=0.98", "--mask_init_method=random",
        "--custom_sparsity_map=layer2:0.882,layer3:0", "--format=json");
    assertEquals(0, run.exitCode(), run.err());
    var layers = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("layers");
    assertEquals(4704, layers.get(0).getAsJsonObject().get("ones").getAsLong(), "235200 - floor(0.98 * 235200)");
    assertEquals(3540, layers.get(1).getAsJsonObject().get("ones").getAsLong(), "30000 - 26460");
    assertEquals(1000, layers.get(2).getAsJsonObject().get("ones").getAsLong());
  }

  @Test
  void varsJsonListsReferenceNames() {
    CliRun run = CliRun.of("vars", "--model=mobilenet_v1", "--format=json");
    assertEquals(0, run.exitCode(), run.err());
    var vars = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("variables");
    boolean found = false;
    for (var v : vars) {
      JsonObject o = v.getAsJsonObject();
      if (o.get("name").getAsString().equals("resnet_model/contraction_1x1_0/mask")) {
        found = true;
        assertEquals(false, o.get("trainable").getAsBoolean());
        assertEquals("float32", o.get("dtype").getAsString());
      }
    }
    assertTrue(found, run.out());
  }

  @Test
  void badInputIsOneLine() {
    CliRun model = CliRun.of("vars", "--model=resnet51");
    assertEquals(2, model.exitCode());
    assertTrue(model.err().contains("resnet51") && model.err().contains("resnet50"), model.err());
    CliRun method = CliRun.of("sparsity", "--model=mnist_fc", "--end_sparsity=0.9", "--mask_init_method=uniform");
    assertEquals(2, method.exitCode());
    assertTrue(method.err().contains("uniform") && method.err().contains("erdos_renyi"), method.err());
    CliRun range = CliRun.of("sparsity", "--model=mnist_fc", "--end_sparsity=1.5", "--mask_init_method=random");
    assertEquals(2, range.exitCode());
    assertTrue(range.err().contains("1.5"), range.err());
  }
}
