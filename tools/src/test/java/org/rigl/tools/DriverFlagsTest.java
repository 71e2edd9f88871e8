package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rigl.core.update.TrainingMethod;
import org.rigl.imagenet.cifar.CifarSettings;
import org.rigl.imagenet.train.ImageNetSettings;
import picocli.CommandLine;

/** The image drivers' command lines fill their settings with the reference's defaults and the values given. */
class DriverFlagsTest {
  /** Every public field of {@code expected} and {@code actual} holds the same value. */
  private static void assertSameFields(Object expected, Object actual) throws IllegalAccessException {
    for (Field field : expected.getClass().getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        assertEquals(field.get(expected), field.get(actual), field.getName());
      }
    }
  }

  @Test
  void trainImageDefaultsAreTheSettingsDefaults() throws IllegalAccessException {
    TrainImageCommand command = new TrainImageCommand();
    new CommandLine(command).parseArgs("--use_tpu=false", "--master=local");
    assertSameFields(new ImageNetSettings(), command.flags.toSettings());
  }

  @Test
  void trainCifarDefaultsAreTheSettingsDefaults() throws IllegalAccessException {
    TrainCifarCommand command = new TrainCifarCommand();
    new CommandLine(command).parseArgs("--master=local", "--ps_task=0");
    CifarSettings settings = command.flags.toSettings();
    assertSameFields(new CifarSettings(), settings);
    assertEquals(TrainingMethod.BASELINE, settings.sparse.method());
    assertEquals(75000, settings.sparse.maskupdateEndStep());
  }

  @Test
  void sparseFlagsReachTheConfiguration() {
    TrainCifarCommand command = new TrainCifarCommand();
    new CommandLine(command).parseArgs("--training_method=prune", "--sparsity_begin_step=4", "--sparsity_end_step=12",
        "--pruning_frequency=2", "--load_mask_dir=masks", "--initial_value_checkpoint=init", "--end_sparsity=0.7");
    CifarSettings s = command.flags.toSettings();
    assertEquals(TrainingMethod.PRUNE, s.sparse.method());
    assertEquals(0.7, s.sparse.endSparsity());
    assertEquals(4, s.sparse.pruneBeginStep());
    assertEquals(12, s.sparse.pruneEndStep());
    assertEquals(2, s.sparse.pruningFrequency());
    assertEquals("masks", s.sparse.loadMaskDir());
    assertEquals("init", s.initialValueCheckpoint);

    TrainImageCommand image = new TrainImageCommand();
    new CommandLine(image).parseArgs("--training_method=rigl", "--erk_power_scale=0.5", "--maskupdate_end_step=7",
        "--output_dir=o");
    ImageNetSettings i = image.flags.toSettings();
    assertEquals(TrainingMethod.RIGL, i.sparse.method());
    assertEquals(0.5, i.sparse.erkPowerScale());
    assertEquals(7, i.sparse.maskupdateEndStep());
    assertEquals(Path.of("o"), i.outputDir);
  }

  @Test
  void eachDriverAcceptsItsOwnMethods() {
    TrainImageCommand image = new TrainImageCommand();
    new CommandLine(image).parseArgs("--training_method=prune");
    var e = assertThrows(IllegalArgumentException.class, () -> image.flags.toSettings());
    assertEquals("--training_method: 'prune' is not valid (valid: scratch, baseline, snip, dnw, set, momentum, rigl, static)",
        e.getMessage());
    TrainCifarCommand cifar = new TrainCifarCommand();
    new CommandLine(cifar).parseArgs("--training_method=dnw");
    var c = assertThrows(IllegalArgumentException.class, () -> cifar.flags.toSettings());
    assertTrue(c.getMessage().contains("'dnw'") && c.getMessage().endsWith("snip, prune)"), c.getMessage());
  }

  @Test
  void commandDefaultsOfTheSharedSparseFlags() {
    TrainMnistCommand mnist = new TrainMnistCommand();
    new CommandLine(mnist).parseArgs();
    assertEquals("baseline", mnist.sparse.trainingMethod);
    assertEquals("cosine", mnist.sparse.dropFractionAnneal);
    assertEquals(50000, mnist.sparse.maskupdateEndStep);
    assertEquals(0.98, mnist.sparse.endSparsity);
    TrainLmCommand lm = new TrainLmCommand();
    new CommandLine(lm).parseArgs("--data_dir=d");
    assertEquals("rigl", lm.sparse.trainingMethod);
    assertEquals("random", lm.sparse.maskInitMethod);
    assertEquals(25000, lm.sparse.maskupdateEndStep);
  }
}
