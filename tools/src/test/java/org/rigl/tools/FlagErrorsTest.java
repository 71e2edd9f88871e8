package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every bad flag value, and every flag picocli cannot parse, ends in exit code 2 and exactly one
 * {@code rigl: error:} line naming the flag: no usage dump, no stack trace, nothing run.
 */
@Tag("fast")
class FlagErrorsTest {
  /**
   * One case a line: the flag (or parameter) the error must name, then the command line. The
   * default method, scratch, would first ask for --mask_init_method: baseline avoids that.
   */
  private static final String CASES = """
      # What picocli rejects while parsing.
      --batch_size                 train-mnist --batch_size=abc
      --bogus                      train-mnist --bogus
      --batch_size                 train-mnist --batch_size
      --use_nesterov               train-mnist --use_nesterov=maybe
      --data_dir                   train-lm
      --output_dir                 sample-lm
      PREFIX                       ckpt inspect
      OUTPUT_DIR                   report
      extra                        flops extra
      --train_batch_size           train-image --train_batch_size=99999999999
      --width                      train-image --width=wide
      bogus-command                bogus-command
      # train-image
      --base_learning_rate         train-image --base_learning_rate=-0.1
      --weight_decay               train-image --weight_decay=-1e-4
      --label_smoothing            train-image --label_smoothing=2
      --label_smoothing            train-image --label_smoothing=NaN
      --training_steps_multiplier  train-image --training_steps_multiplier=0
      --output_dir                 train-image --output_dir=
      --width                      train-image --training_method=baseline --width=1e9
      --width                      train-image --training_method=baseline --width=Infinity
      --width                      train-image --training_method=baseline --width=NaN
      --train_batch_size           train-image --train_batch_size=1000000000
      --eval_batch_size            train-image --eval_batch_size=0
      --train_steps                train-image --train_steps=-1
      --steps_per_eval             train-image --steps_per_eval=0
      --steps_per_checkpoint       train-image --steps_per_checkpoint=0
      --momentum                   train-image --momentum=1.5
      --num_label_classes          train-image --training_method=baseline --num_label_classes=1
      --first_layer_sparsity       train-image --training_method=baseline --first_layer_sparsity=1.5
      --image_size                 train-image --image_size=0
      --num_towers                 train-image --num_towers=-1
      --data_directory             train-image --data_directory=
      --end_sparsity               train-image --end_sparsity=NaN
      --erk_power_scale            train-image --erk_power_scale=Infinity
      --drop_fraction              train-image --training_method=rigl --mask_init_method=random --drop_fraction=2
      --s_momentum                 train-image --training_method=momentum --mask_init_method=random --s_momentum=-1
      --maskupdate_frequency       train-image --training_method=set --mask_init_method=random --maskupdate_frequency=0
      # train-cifar
      --train_dir                  train-cifar --data_directory=no-such-cifar --train_dir=
      --batch_size                 train-cifar --data_directory=no-such-cifar --batch_size=1000000000
      --l2                         train-cifar --data_directory=no-such-cifar --l2=-1
      --momentum                   train-cifar --data_directory=no-such-cifar --momentum=-0.5
      --max_steps                  train-cifar --data_directory=no-such-cifar --max_steps=0
      --training_steps_multiplier  train-cifar --data_directory=no-such-cifar --training_steps_multiplier=0
      --resnet_width               train-cifar --data_directory=no-such-cifar --resnet_width=100000
      --keep_checkpoint_max        train-cifar --data_directory=no-such-cifar --keep_checkpoint_max=-1
      # train-mnist
      --learning_rate              train-mnist --learning_rate=-0.2
      --l2_scale                   train-mnist --l2_scale=-1
      --batch_size                 train-mnist --batch_size=0
      --batch_size                 train-mnist --batch_size=1000000000
      --num_epochs                 train-mnist --num_epochs=0
      --save_path                  train-mnist --save_path=
      --mnist                      train-mnist --mnist=
      --sparsity_scale             train-mnist --sparsity_scale=2
      --threshold_decay            train-mnist --training_method=prune --threshold_decay=2
      --end_sparsity               train-mnist --end_sparsity=-0.5
      --sparse_compute             train-mnist --sparse_compute=dense
      --sparse_compute             train-mnist --training_method=prune --sparse_compute=sparse
      --intra_op_threads           train-mnist --intra_op_threads=-1
      --sparse_compute             bench --sparse_compute=masked,fast
      # train-lm and sample-lm
      --learning_rate              train-lm --data_dir=d --learning_rate=-1
      --output_dir                 train-lm --data_dir=d --output_dir=
      --data_dir                   train-lm --data_dir=
      --train_batch_size           train-lm --data_dir=d --train_batch_size=1000000000
      --eval_batch_size            train-lm --data_dir=d --eval_batch_size=0
      --gru_units                  train-lm --data_dir=d --gru_units=1000000000
      --seq_len                    train-lm --data_dir=d --seq_len=0
      --clip_gradient_norm         train-lm --data_dir=d --clip_gradient_norm=NaN
      --steps_per_checkpoint       train-lm --data_dir=d --steps_per_checkpoint=0
      --eval_wait_secs             train-lm --data_dir=d --eval_wait_secs=-1
      --output_dir                 sample-lm --output_dir=
      --length                     sample-lm --output_dir=o --length=-1
      --temperature                sample-lm --output_dir=o --temperature=-1
      # the other commands
      --output_dir                 quickstart --output_dir=
      --train_steps                quickstart --train_steps=0
      --train_examples             quickstart --train_examples=0
      --steps                      bench --steps=0
      --rounds                     bench --rounds=0
      --steps                      bench-lm --steps=0
      --train_batch_size           bench-lm --train_batch_size=1000000000
      --rounds                     bench-image --rounds=0
      --train_batch_size           bench-image --train_batch_size=1000000000
      --width                      flops --model=resnet50 --end_sparsity=0.5 --mask_init_method=random --width=1e9
      --end_sparsity               sparsity --model=mnist_fc --end_sparsity=2 --mask_init_method=random
      --width                      vars --model=resnet50 --width=Infinity
      --num_label_classes          vars --model=resnet50 --num_label_classes=0
      --input_dir                  convert cifar10 --input_dir= --output_dir=o
      --output_dir                 convert wikitext --input_dir=i --output_dir=
      """;

  @Test
  void eachBadFlagGivesOneErrorLineNamingIt() {
    List<String> cases = CASES.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    List<String> failures = new ArrayList<>();
    for (String c : cases) {
      String[] words = c.strip().split(" +");
      String flag = words[0];
      String[] args = Arrays.copyOfRange(words, 1, words.length);
      CliRun run = CliRun.of(args);
      List<String> errors = run.err().lines().filter(line -> line.startsWith("rigl: error:")).toList();
      boolean ok = run.exitCode() == 2 && errors.size() == 1 && errors.get(0).contains(flag)
          && run.err().lines().count() == 1 && run.out().isEmpty();
      if (!ok) {
        failures.add(String.join(" ", args) + " -> exit " + run.exitCode() + ", stderr: " + run.err().strip()
            + (run.out().isEmpty() ? "" : ", stdout: " + run.out().lines().limit(3).toList()));
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases:\n" + String.join("\n", failures));
  }

  @Test
  void aParseErrorSaysWhereTheHelpIs() {
    CliRun run = CliRun.of("train-mnist", "--batch_size=abc");
    assertTrue(run.err().strip().endsWith("see './rigl train-mnist --help'"), run.err());
  }
}
