package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every bad flag value, and every flag picocli cannot parse, ends in exit code 2 and exactly one
 * {@code rigl: error:} line naming the flag: no usage dump, no stack trace, nothing run.
 */
@Tag("fast")
class FlagErrorsTest {
  /** A command line and the flag (or parameter) its one error line must name. */
  private record Case(String flag, String... args) {}

  /** The default method, scratch, would first ask for --mask_init_method. */
  private static final String BASELINE = "--training_method=baseline";
  private static final String CIFAR_DATA = "--data_directory=no-such-cifar";

  private static final List<Case> CASES = List.of(
      // What picocli rejects while parsing.
      new Case("--batch_size", "train-mnist", "--batch_size=abc"),
      new Case("--bogus", "train-mnist", "--bogus"),
      new Case("--batch_size", "train-mnist", "--batch_size"),
      new Case("--use_nesterov", "train-mnist", "--use_nesterov=maybe"),
      new Case("--data_dir", "train-lm"),
      new Case("--output_dir", "sample-lm"),
      new Case("PREFIX", "ckpt", "inspect"),
      new Case("OUTPUT_DIR", "report"),
      new Case("extra", "flops", "extra"),
      new Case("--train_batch_size", "train-image", "--train_batch_size=99999999999"),
      new Case("--width", "train-image", "--width=wide"),
      new Case("bogus-command", "bogus-command"),
      // train-image
      new Case("--base_learning_rate", "train-image", "--base_learning_rate=-0.1"),
      new Case("--weight_decay", "train-image", "--weight_decay=-1e-4"),
      new Case("--label_smoothing", "train-image", "--label_smoothing=2"),
      new Case("--label_smoothing", "train-image", "--label_smoothing=NaN"),
      new Case("--training_steps_multiplier", "train-image", "--training_steps_multiplier=0"),
      new Case("--output_dir", "train-image", "--output_dir="),
      new Case("--width", "train-image", BASELINE, "--width=1e9"),
      new Case("--width", "train-image", BASELINE, "--width=Infinity"),
      new Case("--width", "train-image", BASELINE, "--width=NaN"),
      new Case("--train_batch_size", "train-image", "--train_batch_size=1000000000"),
      new Case("--eval_batch_size", "train-image", "--eval_batch_size=0"),
      new Case("--train_steps", "train-image", "--train_steps=-1"),
      new Case("--steps_per_eval", "train-image", "--steps_per_eval=0"),
      new Case("--steps_per_checkpoint", "train-image", "--steps_per_checkpoint=0"),
      new Case("--momentum", "train-image", "--momentum=1.5"),
      new Case("--num_label_classes", "train-image", BASELINE, "--num_label_classes=1"),
      new Case("--first_layer_sparsity", "train-image", BASELINE, "--first_layer_sparsity=1.5"),
      new Case("--image_size", "train-image", "--image_size=0"),
      new Case("--num_towers", "train-image", "--num_towers=-1"),
      new Case("--data_directory", "train-image", "--data_directory="),
      new Case("--end_sparsity", "train-image", "--end_sparsity=NaN"),
      new Case("--erk_power_scale", "train-image", "--erk_power_scale=Infinity"),
      new Case("--drop_fraction", "train-image", "--training_method=rigl", "--mask_init_method=random", "--drop_fraction=2"),
      new Case("--s_momentum", "train-image", "--training_method=momentum", "--mask_init_method=random", "--s_momentum=-1"),
      new Case("--maskupdate_frequency", "train-image", "--training_method=set", "--mask_init_method=random",
          "--maskupdate_frequency=0"),
      // train-cifar
      new Case("--train_dir", "train-cifar", CIFAR_DATA, "--train_dir="),
      new Case("--batch_size", "train-cifar", CIFAR_DATA, "--batch_size=1000000000"),
      new Case("--l2", "train-cifar", CIFAR_DATA, "--l2=-1"),
      new Case("--momentum", "train-cifar", CIFAR_DATA, "--momentum=-0.5"),
      new Case("--max_steps", "train-cifar", CIFAR_DATA, "--max_steps=0"),
      new Case("--training_steps_multiplier", "train-cifar", CIFAR_DATA, "--training_steps_multiplier=0"),
      new Case("--resnet_width", "train-cifar", CIFAR_DATA, "--resnet_width=100000"),
      new Case("--keep_checkpoint_max", "train-cifar", CIFAR_DATA, "--keep_checkpoint_max=-1"),
      // train-mnist
      new Case("--learning_rate", "train-mnist", "--learning_rate=-0.2"),
      new Case("--l2_scale", "train-mnist", "--l2_scale=-1"),
      new Case("--batch_size", "train-mnist", "--batch_size=0"),
      new Case("--batch_size", "train-mnist", "--batch_size=1000000000"),
      new Case("--num_epochs", "train-mnist", "--num_epochs=0"),
      new Case("--save_path", "train-mnist", "--save_path="),
      new Case("--mnist", "train-mnist", "--mnist="),
      new Case("--sparsity_scale", "train-mnist", "--sparsity_scale=2"),
      new Case("--threshold_decay", "train-mnist", "--training_method=prune", "--threshold_decay=2"),
      new Case("--end_sparsity", "train-mnist", "--end_sparsity=-0.5"),
      // train-lm and sample-lm
      new Case("--learning_rate", "train-lm", "--data_dir=d", "--learning_rate=-1"),
      new Case("--output_dir", "train-lm", "--data_dir=d", "--output_dir="),
      new Case("--data_dir", "train-lm", "--data_dir="),
      new Case("--train_batch_size", "train-lm", "--data_dir=d", "--train_batch_size=1000000000"),
      new Case("--eval_batch_size", "train-lm", "--data_dir=d", "--eval_batch_size=0"),
      new Case("--gru_units", "train-lm", "--data_dir=d", "--gru_units=1000000000"),
      new Case("--seq_len", "train-lm", "--data_dir=d", "--seq_len=0"),
      new Case("--clip_gradient_norm", "train-lm", "--data_dir=d", "--clip_gradient_norm=NaN"),
      new Case("--steps_per_checkpoint", "train-lm", "--data_dir=d", "--steps_per_checkpoint=0"),
      new Case("--eval_wait_secs", "train-lm", "--data_dir=d", "--eval_wait_secs=-1"),
      new Case("--output_dir", "sample-lm", "--output_dir="),
      new Case("--length", "sample-lm", "--output_dir=o", "--length=-1"),
      new Case("--temperature", "sample-lm", "--output_dir=o", "--temperature=-1"),
      // the other commands
      new Case("--output_dir", "quickstart", "--output_dir="),
      new Case("--train_steps", "quickstart", "--train_steps=0"),
      new Case("--train_examples", "quickstart", "--train_examples=0"),
      new Case("--steps", "bench", "--steps=0"),
      new Case("--rounds", "bench", "--rounds=0"),
      new Case("--steps", "bench-lm", "--steps=0"),
      new Case("--train_batch_size", "bench-lm", "--train_batch_size=1000000000"),
      new Case("--rounds", "bench-image", "--rounds=0"),
      new Case("--train_batch_size", "bench-image", "--train_batch_size=1000000000"),
      new Case("--width", "flops", "--model=resnet50", "--end_sparsity=0.5", "--mask_init_method=random", "--width=1e9"),
      new Case("--end_sparsity", "sparsity", "--model=mnist_fc", "--end_sparsity=2", "--mask_init_method=random"),
      new Case("--width", "vars", "--model=resnet50", "--width=Infinity"),
      new Case("--num_label_classes", "vars", "--model=resnet50", "--num_label_classes=0"),
      new Case("--input_dir", "convert", "cifar10", "--input_dir=", "--output_dir=o"),
      new Case("--output_dir", "convert", "wikitext", "--input_dir=i", "--output_dir="));

  @Test
  void eachBadFlagGivesOneErrorLineNamingIt() {
    List<String> failures = new ArrayList<>();
    for (Case c : CASES) {
      CliRun run = CliRun.of(c.args());
      List<String> errors = run.err().lines().filter(line -> line.startsWith("rigl: error:")).toList();
      boolean ok = run.exitCode() == 2 && errors.size() == 1 && errors.get(0).contains(c.flag())
          && run.err().lines().count() == 1 && run.out().isEmpty();
      if (!ok) {
        failures.add(String.join(" ", c.args()) + " -> exit " + run.exitCode() + ", stderr: " + run.err().strip()
            + (run.out().isEmpty() ? "" : ", stdout: " + run.out().lines().limit(3).toList()));
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + CASES.size() + " cases:\n" + String.join("\n", failures));
  }

  @Test
  void aParseErrorSaysWhereTheHelpIs() {
    CliRun run = CliRun.of("train-mnist", "--batch_size=abc");
    assertTrue(run.err().strip().endsWith("see './rigl train-mnist --help'"), run.err());
  }
}
