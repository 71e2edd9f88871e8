package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code rigl flops} through the CLI entry point, against the README and the MobileNet colab's outputs. */
@Tag("fast")
class FlopsCommandTest {

  /** README, ResNet-50 ERK 80%: 0.42x the dense 8.2e9 FLOPs, 23.683 Mbytes. */
  @Test
  void jsonForResNet50Erk() {
    CliRun r = CliRun.of("flops", "--model=resnet50", "--end_sparsity=0.8", "--mask_init_method=erdos_renyi_kernel",
        "--first_layer_sparsity=-1", "--format=json");
    assertEquals(0, r.exitCode(), r.err());
    String json = r.out().strip();
    assertTrue(json.matches("\\{\"mflops\": [0-9.E-]+, \"mbytes\": [0-9.E-]+, \"real_sparsity\": [0-9.E-]+, "
        + "\"dense_mflops\": [0-9.E-]+, \"flops_ratio\": [0-9.E-]+}"), json);
    assertEquals(3406.293, number(json, "mflops"), 5e-4);
    assertEquals(23.683, number(json, "mbytes"), 5e-4);
    assertEquals(0.800, number(json, "real_sparsity"), 5e-4);
    assertEquals(8202.340776, number(json, "dense_mflops"), 1e-9);
    assertEquals(0.42, number(json, "flops_ratio"), 5e-3);
  }

  /** Layer flags as imagenet_train_eval.py: 0 leaves the layer unmasked, -1 masks it, > 0 overrides. */
  @Test
  void layerSparsityFlags() {
    assertEquals(Map.of("conv1/kernel:0", 0.0),
        FlopsCommand.customSparsities(KerasFlopsModel.RESNET50, 0, -1, 0));
    assertEquals(Map.of(), FlopsCommand.customSparsities(KerasFlopsModel.RESNET50, -1, -1, 0));
    assertEquals(Map.of("conv1/kernel:0", 0.5, "fc1000/kernel:0", 0.0),
        FlopsCommand.customSparsities(KerasFlopsModel.RESNET50, 0.5, 0, 0));
    Map<String, Double> mobilenet = FlopsCommand.customSparsities(KerasFlopsModel.MOBILENET_V1, -1, -1, 0);
    assertEquals(13, mobilenet.size());
    assertEquals(0.0, mobilenet.get("conv_dw_13/depthwise_kernel:0"));
    assertEquals(Map.of("conv_preds/kernel:0", 0.8),
        FlopsCommand.customSparsities(KerasFlopsModel.MOBILENET_V1, -1, 0.8, -1));
  }

  /** README uniform 90%: conv1 dense, 0.13x, 13.532 Mbytes; the default first layer flag is 0. */
  @Test
  void textForResNet50Uniform() {
    CliRun r = CliRun.of("flops", "--model=resnet50", "--end_sparsity=0.9", "--mask_init_method=random");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(String.join(System.lineSeparator(),
        "Model: resnet50, Method: random, Sparsity: 0.900000, Width: 1.0",
        "Total Flops: 1054.234 MFlops",
        "Total Size: 13.532 Mbytes",
        "Real Sparsity: 0.900",
        "Dense Flops (width 1): 8202.341 MFlops",
        "Flops Ratio: 0.13x",
        ""), r.out());
  }

  /** The MobileNet colab's stored outputs; its sparse rows keep depthwise layers dense, its width rows do not. */
  @Test
  void mobileNetMatchesTheColab() {
    CliRun erk = CliRun.of("flops", "--model=mobilenet_v1", "--end_sparsity=0.75", "--mask_init_method=erdos_renyi_kernel",
        "--first_layer_sparsity=-1");
    assertTrue(erk.out().contains("Total Flops: 599.144 MFlops"), erk.out());
    assertTrue(erk.out().contains("Total Size: 4.888 Mbytes"), erk.out());
    assertTrue(erk.out().contains("Real Sparsity: 0.742"), erk.out());
    assertTrue(erk.out().contains("Dense Flops (width 1): 1141.544 MFlops"), erk.out());
    CliRun uniform = CliRun.of("flops", "--model=mobilenet_v1", "--end_sparsity=0.9", "--mask_init_method=random");
    assertTrue(uniform.out().contains("Total Flops: 168.614 MFlops"), uniform.out());
    assertTrue(uniform.out().contains("Total Size: 2.396 Mbytes"), uniform.out());
    CliRun wide = CliRun.of("flops", "--model=mobilenet_v1", "--end_sparsity=0.9", "--mask_init_method=random",
        "--last_layer_sparsity=0.8", "--depthwise_sparsity=-1", "--width=3", "--format=json");
    assertEquals(1058.478, number(wide.out(), "mflops"), 5e-4);
    assertEquals(17.833, number(wide.out(), "mbytes"), 5e-4);
    assertEquals(0.890, number(wide.out(), "real_sparsity"), 5e-4);
  }

  @Test
  void floorRoundingIsTheCurrentReference() {
    CliRun r = CliRun.of("flops", "--model=resnet50", "--end_sparsity=0.8", "--mask_init_method=erdos_renyi_kernel",
        "--first_layer_sparsity=-1", "--n_zeros_rounding=floor");
    assertTrue(r.out().contains("Total Size: 23.684 Mbytes"), r.out());
  }

  @Test
  void badInputIsOneLineExitTwo() {
    assertBad("--model: 'vgg_16' is not valid (valid: resnet50, mobilenet_v1)",
        "--model=vgg_16", "--end_sparsity=0.9", "--mask_init_method=random");
    assertBad("--end_sparsity: 1.0 is not valid (valid: [0, 1))",
        "--model=resnet50", "--end_sparsity=1", "--mask_init_method=random");
    assertBad("--end_sparsity: -0.1 is not valid (valid: [0, 1))",
        "--model=resnet50", "--end_sparsity=-0.1", "--mask_init_method=random");
    assertBad("--mask_init_method: 'erk' is not valid (valid: random, erdos_renyi, erdos_renyi_kernel)",
        "--model=resnet50", "--end_sparsity=0.9", "--mask_init_method=erk");
    assertBad("--first_layer_sparsity: 1.5 is not valid (valid: -1, or [0, 1))",
        "--model=resnet50", "--end_sparsity=0.9", "--mask_init_method=random", "--first_layer_sparsity=1.5");
    assertBad("--format: 'xml' is not valid (valid: text, json)",
        "--model=resnet50", "--end_sparsity=0.9", "--mask_init_method=random", "--format=xml");
    assertBad("--model is required (valid: resnet50, mobilenet_v1)",
        "--end_sparsity=0.9", "--mask_init_method=random");
  }

  private static void assertBad(String message, String... flags) {
    String[] args = new String[flags.length + 1];
    args[0] = "flops";
    System.arraycopy(flags, 0, args, 1, flags.length);
    CliRun r = CliRun.of(args);
    assertEquals(2, r.exitCode());
    assertEquals("rigl: error: " + message + System.lineSeparator(), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals("", r.out());
  }

  private static double number(String json, String key) {
    return Double.parseDouble(json.replaceAll("(?s).*\"" + key + "\": ([0-9.E-]+).*", "$1"));
  }
}
