package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.WikiTextSplit;

/**
 * {@code train-lm} and {@code sample-lm} end to end on the dummy WikiText-103 files: one small
 * RigL model is trained once (300 steps) and then evaluated, resumed and sampled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainLmCommandTest {
  static final Path DUMMY =
      Path.of(System.getProperty("rigl.root"), "..", "shared", "testdata", "text", "dummy_data", "wikitext-103-raw");
  static final String[] SMALL = {
    "--embedding_size=16", "--gru_layers=1", "--gru_units=96", "--readout_units=64", "--seq_len=16",
    "--train_batch_size=8", "--eval_batch_size=4", "--learning_rate=0.01", "--end_sparsity=0.5",
    "--maskupdate_frequency=50", "--maskupdate_end_step=200", "--steps_per_checkpoint=100", "--keep_checkpoint_max=0",
    "--eval_split=train", "--summary_steps=50"
  };

  Path trained;
  String trainLog;

  @BeforeAll
  void trainOnce(@TempDir Path tmp) throws IOException {
    trained = tmp.resolve("rigl");
    CliRun c = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + trained, "--train_steps=300"));
    assertEquals(0, c.exitCode(), c.err());
    trainLog = c.err();
  }

  /** {@code train-lm} with {@code flags}, and the small-model flags that {@code flags} does not set. */
  static String[] trainLm(String... flags) {
    List<String> all = new ArrayList<>();
    all.add("train-lm");
    all.addAll(List.of(flags));
    for (String small : SMALL) {
      String name = small.substring(0, small.indexOf('=') + 1);
      if (Stream.of(flags).noneMatch(f -> f.startsWith(name))) {
        all.add(small);
      }
    }
    return all.toArray(new String[0]);
  }

  static double number(String json, String key) {
    String marker = "\"" + key + "\": ";
    int at = json.indexOf(marker);
    assertTrue(at >= 0, key + " in " + json);
    String rest = json.substring(at + marker.length());
    return Double.parseDouble(rest.substring(0, rest.indexOf(rest.contains(",") && rest.indexOf(',') < rest.indexOf('\n') ? ',' : '\n')).trim());
  }

  @Test
  void trainingBitsPerCharFallWellBelowTheUnigramEntropy() throws IOException {
    double unigram = ByteCorpus.read(DUMMY, WikiTextSplit.TRAIN).unigramEntropyBits();
    String json = Files.readString(trained.resolve("eval_results.json"));
    assertEquals(300, number(json, "global_step"));
    assertEquals(1029, number(json, "tokens"), "every next byte of wiki.train.raw scored once");
    double bpc = number(json, "bits_per_char");
    assertEquals(bpc, number(json, "cross_entropy") / Math.log(2), 1e-8);
    assertTrue(unigram > 4.4, "unigram entropy " + unigram);
    assertTrue(bpc < unigram - 2.5, "bits/char " + bpc + " vs unigram entropy " + unigram);
    for (String mask : List.of("rnn/multi_rnn_cell/cell_0/gru_cell/gates/input/mask",
        "rnn/multi_rnn_cell/cell_0/gru_cell/candidate/recurrent/mask", "readout_1/mask", "logits/mask")) {
      assertEquals(0.5, number(json, "pruning/" + mask + "/sparsity"), 1e-9, mask);
    }
    assertTrue(trainLog.contains("tokens/s") && trainLog.contains("ETA"), trainLog);
    try (Stream<Path> files = Files.list(trained)) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.contains("model.ckpt-300.index") && names.contains("model.ckpt-100.index"), names.toString());
      assertFalse(names.contains("model.ckpt-0.index"), "RigL's first iteration is a mask update at step 0, not a step");
      assertTrue(names.stream().anyMatch(n -> n.startsWith("events.out.tfevents")), names.toString());
    }
    try (Stream<Path> files = Files.list(trained.resolve("eval"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents")));
    }
  }

  @Test
  void evalOnceReproducesTheTrainingTimeEvaluation(@TempDir Path copyDir) throws IOException {
    Path copy = copyOf(trained, copyDir);
    double atTraining = number(Files.readString(copy.resolve("eval_results.json")), "bits_per_char");
    // No size flags: they come from lm_model.properties. A different unroll length gives the same
    // value: evaluation carries the state across windows.
    CliRun c = CliRun.of("train-lm", "--mode=eval_once", "--data_dir=" + DUMMY, "--output_dir=" + copy, "--eval_split=train",
        "--eval_batch_size=4", "--seq_len=7", "--eval_once_ckpt_prefix=model.ckpt-300");
    assertEquals(0, c.exitCode(), c.err());
    String json = Files.readString(copy.resolve("eval_results.json"));
    assertEquals(300, number(json, "global_step"));
    assertEquals(atTraining, number(json, "bits_per_char"), 1e-5);
    assertTrue(json.contains("\"checkpoint\": \"model.ckpt-300\""), json);

    CliRun earlier = CliRun.of("train-lm", "--mode=eval_once", "--data_dir=" + DUMMY, "--output_dir=" + copy, "--eval_split=train",
        "--eval_batch_size=4", "--seq_len=16", "--eval_once_ckpt_prefix=model.ckpt-100");
    assertEquals(0, earlier.exitCode(), earlier.err());
    double atStep100 = number(Files.readString(copy.resolve("eval_results.json")), "bits_per_char");
    assertTrue(atStep100 > atTraining, "step 100 " + atStep100 + " vs step 300 " + atTraining);

    // --mode=eval finds the latest checkpoint at train_steps and stops.
    CliRun loop = CliRun.of("train-lm", "--mode=eval", "--data_dir=" + DUMMY, "--output_dir=" + copy, "--eval_split=train",
        "--eval_batch_size=4", "--train_steps=300", "--eval_wait_secs=5");
    assertEquals(0, loop.exitCode(), loop.err());
    assertEquals(atTraining, number(Files.readString(copy.resolve("eval_results.json")), "bits_per_char"), 1e-5);
  }

  @Test
  void resumeContinuesFromTheLatestCheckpoint(@TempDir Path copyDir) throws IOException {
    Path copy = copyOf(trained, copyDir);
    CliRun c = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + copy, "--train_steps=320"));
    assertEquals(0, c.exitCode(), c.err());
    assertTrue(c.err().contains("resumed from model.ckpt-300"), c.err());
    assertEquals(320, number(Files.readString(copy.resolve("eval_results.json")), "global_step"));
    assertTrue(Files.readString(copy.resolve("checkpoint")).startsWith("model_checkpoint_path: \"model.ckpt-320\""));

    CliRun mismatch = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + copy, "--train_steps=330", "--gru_units=32"));
    assertEquals(2, mismatch.exitCode());
    assertTrue(mismatch.err().contains("model flags differ from"), mismatch.err());
  }

  @Test
  void samplingContinuesThePromptDeterministically() {
    CliRun a = CliRun.of("sample-lm", "--output_dir=" + trained, "--prime=The Sinclair", "--length=60", "--seed=4");
    assertEquals(0, a.exitCode(), a.err());
    byte[] text = a.out().getBytes(StandardCharsets.UTF_8);
    assertTrue(a.out().startsWith("The Sinclair"), a.out());
    assertTrue(text.length >= 12 + 1, a.out());
    CliRun b = CliRun.of("sample-lm", "--output_dir=" + trained, "--prime=The Sinclair", "--length=60", "--seed=4");
    assertEquals(a.out(), b.out());
    // The model has memorised the training text: greedy decoding continues it.
    CliRun greedy = CliRun.of("sample-lm", "--output_dir=" + trained, "--prime=The Sinclair Scientific Programmable was", "--length=20",
        "--temperature=0");
    assertEquals(0, greedy.exitCode(), greedy.err());
    assertTrue(greedy.out().startsWith("The Sinclair Scientific Programmable was introduced"), greedy.out());
    CliRun other = CliRun.of("sample-lm", "--output_dir=" + trained, "--prime=The Sinclair", "--length=60", "--seed=5");
    assertNotEquals(a.out(), other.out());
  }

  @Test
  void badInputIsOneLineAndNonZero(@TempDir Path dir) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.copy(DUMMY.resolve("wiki.train.raw"), data.resolve("wiki.train.raw"));
    Files.writeString(data.resolve("wiki.valid.raw"), "");
    Path out = dir.resolve("out");
    CliRun missing = CliRun.of(trainLm("--data_dir=" + data, "--output_dir=" + out, "--eval_split=test"));
    CliRun empty = CliRun.of(trainLm("--data_dir=" + data, "--output_dir=" + out, "--eval_split=valid"));
    CliRun tooLong = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + out, "--seq_len=5000"));
    CliRun noCheckpoint = CliRun.of("sample-lm", "--output_dir=" + dir);
    for (CliRun c : List.of(missing, empty, tooLong, noCheckpoint)) {
      assertEquals(2, c.exitCode(), c.err());
      assertEquals(1, c.err().strip().lines().filter(l -> l.startsWith("rigl: error: ")).count(), c.err());
      assertFalse(c.err().contains("\tat "), "no stack trace: " + c.err());
    }
    assertTrue(missing.err().contains("missing data file " + data.resolve("wiki.test.raw")), missing.err());
    assertTrue(empty.err().contains("data file " + data.resolve("wiki.valid.raw") + " is empty"), empty.err());
    assertTrue(tooLong.err().contains("--seq_len=5000 is larger than the data: wiki.train.raw has 1030 bytes"), tooLong.err());
    assertTrue(noCheckpoint.err().contains("not a train-lm output directory"), noCheckpoint.err());
    assertFalse(Files.exists(out.resolve("model.ckpt-1.index")));
  }

  @Test
  void overNonzerosEvaluationAndSamplingMatchMasked(@TempDir Path copyDir) throws IOException {
    Path copy = copyOf(trained, copyDir);
    double atTraining = number(Files.readString(copy.resolve("eval_results.json")), "bits_per_char");
    CliRun c = CliRun.of("train-lm", "--mode=eval_once", "--data_dir=" + DUMMY, "--output_dir=" + copy, "--eval_split=train",
        "--eval_batch_size=4", "--seq_len=16", "--eval_once_ckpt_prefix=model.ckpt-300", "--sparse_compute=sparse");
    assertEquals(0, c.exitCode(), c.err());
    assertEquals(atTraining, number(Files.readString(copy.resolve("eval_results.json")), "bits_per_char"),
        1e-5 * atTraining);
    String prime = "--prime=The Sinclair Scientific Programmable was";
    CliRun masked = CliRun.of("sample-lm", "--output_dir=" + trained, prime, "--length=20", "--temperature=0");
    CliRun sparse = CliRun.of("sample-lm", "--output_dir=" + trained, prime, "--length=20", "--temperature=0",
        "--sparse_compute=sparse");
    assertEquals(0, sparse.exitCode(), sparse.err());
    assertEquals(masked.out(), sparse.out());
  }

  @Test
  void trainingOverNonzerosSaysWhichKernelsDo(@TempDir Path dir) {
    CliRun c = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + dir.resolve("auto"), "--train_steps=20",
        "--sparse_compute=auto", "--end_sparsity=0.96", "--mask_init_method=random"));
    assertEquals(0, c.exitCode(), c.err());
    assertTrue(c.err().contains("train-lm: sparse compute: auto (kernels: "), c.err());
    assertTrue(c.err().contains("; rnn/multi_rnn_cell/cell_0/gru_cell/gates/input nonzeros, 1 thread(s)"), c.err());
    assertFalse(trainLog.contains("sparse compute"), "masked runs log as before: " + trainLog);
  }

  @Test
  void badComputeFlagsAreOneLineAndNonZero(@TempDir Path dir) {
    Path out = dir.resolve("out");
    CliRun notDynamic = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + out, "--training_method=snip",
        "--sparse_compute=sparse"));
    CliRun unknownMode = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + out, "--sparse_compute=dense"));
    CliRun threads = CliRun.of(trainLm("--data_dir=" + DUMMY, "--output_dir=" + out, "--intra_op_threads=-1"));
    CliRun sampleMode = CliRun.of("sample-lm", "--output_dir=" + dir, "--sparse_compute=fast");
    CliRun benchMode = CliRun.of("bench-lm", "--sparse_compute=masked,fast");
    CliRun benchThreads = CliRun.of("bench-lm", "--intra_op_threads=-2");
    for (CliRun c : List.of(notDynamic, unknownMode, threads, sampleMode, benchMode, benchThreads)) {
      assertEquals(2, c.exitCode(), c.err());
      assertEquals(1, c.err().strip().lines().filter(l -> l.startsWith("rigl: error: ")).count(), c.err());
      assertFalse(c.err().contains("\tat "), "no stack trace: " + c.err());
    }
    assertTrue(notDynamic.err().contains("--sparse_compute=sparse needs a training method that keeps each layer's count "
        + "of nonzeros (set, rigl, momentum, static)"), notDynamic.err());
    assertTrue(unknownMode.err().contains("--sparse_compute: 'dense' is not one of masked, sparse, auto"), unknownMode.err());
    assertTrue(threads.err().contains("--intra_op_threads"), threads.err());
    assertTrue(sampleMode.err().contains("--sparse_compute: 'fast'"), sampleMode.err());
    assertTrue(benchMode.err().contains("--sparse_compute: 'fast'"), benchMode.err());
    assertTrue(benchThreads.err().contains("--intra_op_threads"), benchThreads.err());
    assertFalse(Files.exists(out));
  }

  static Path copyOf(Path source, Path target) throws IOException {
    Path copy = target.resolve("run");
    Files.createDirectories(copy.resolve("eval"));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    return copy;
  }
}
