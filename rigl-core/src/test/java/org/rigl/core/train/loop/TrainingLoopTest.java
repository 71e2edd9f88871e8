package org.rigl.core.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointState;

/**
 * The loop's cadences, as each driver's reference script has them, on a session that only counts:
 * which steps are saved, summarised and evaluated, and in what order listeners hear of them.
 */
class TrainingLoopTest {
  /** A session whose step adds one to the global step and whose "checkpoint" is a note of the step. */
  static class CountingSession implements TrainingSession {
    final List<String> events;
    long step;

    CountingSession(List<String> events, long resumedStep) {
      this.events = events;
      this.step = resumedStep;
    }

    @Override
    public void initialiseFresh() {
      events.add("fresh");
    }

    @Override
    public void restore(Path checkpoint) {
      events.add("restore " + checkpoint.getFileName());
    }

    @Override
    public long globalStep() {
      return step;
    }

    @Override
    public StepResult step(boolean summarise) {
      step++;
      if (summarise) {
        events.add("summary " + step);
      }
      return new StepResult(0.5f, step);
    }

    @Override
    public Path save(CheckpointManager checkpoints, long at) {
      events.add("save " + at);
      return Path.of("model.ckpt-" + at);
    }

    @Override
    public void close() {
      events.add("close");
    }
  }

  private static final ProgressFormat QUIET =
      new ProgressFormat(new PrintStream(new ByteArrayOutputStream()), "test", "items", 1, false, r -> "");

  private static List<String> saves(List<String> events) {
    return events.stream().filter(e -> e.startsWith("save")).toList();
  }

  @Test
  void estimatorSavesTheFreshStartEveryIntervalAndTheEnd(@TempDir Path dir) throws IOException {
    List<String> events = new ArrayList<>();
    long reached = new TrainingLoop<CountingSession, Void>(() -> new CountingSession(events, 0),
        new CheckpointManager(dir, 0), CheckpointCadence.estimator(4), SummaryCadence.startingAtMultiplesOf(3), QUIET)
        .train(7);
    assertEquals(7, reached);
    assertEquals(List.of("save 0", "save 4", "save 7"), saves(events));
    // Summaries on the steps that start at 0, 3 and 6.
    assertEquals(List.of("summary 1", "summary 4", "summary 7"),
        events.stream().filter(e -> e.startsWith("summary")).toList());
    assertEquals("close", events.get(events.size() - 1));
  }

  @Test
  void aResumedRunRestoresTheLatestAndCountsFromIt(@TempDir Path dir) throws IOException {
    new CheckpointState("model.ckpt-8", List.of("model.ckpt-8")).write(dir);
    List<String> estimator = new ArrayList<>();
    new TrainingLoop<CountingSession, Void>(() -> new CountingSession(estimator, 8), new CheckpointManager(dir, 0),
        CheckpointCadence.estimator(4), SummaryCadence.startingAtMultiplesOf(100), QUIET).train(14);
    assertEquals("restore model.ckpt-8", estimator.get(0));
    assertEquals(List.of("save 12", "save 14"), saves(estimator));
    List<String> multiples = new ArrayList<>();
    new TrainingLoop<CountingSession, Void>(() -> new CountingSession(multiples, 8), new CheckpointManager(dir, 0),
        CheckpointCadence.multiplesOf(4), SummaryCadence.endingAtMultiplesOf(100), QUIET).train(8);
    assertEquals(List.of(), saves(multiples), "nothing to train, nothing saved twice");
  }

  @Test
  void multiplesSaveNeitherTheStartNorAStepTwice(@TempDir Path dir) throws IOException {
    List<String> events = new ArrayList<>();
    new TrainingLoop<CountingSession, Void>(() -> new CountingSession(events, 0), new CheckpointManager(dir, 0),
        CheckpointCadence.multiplesOf(3), SummaryCadence.endingAtMultiplesOf(2), QUIET).train(6);
    assertEquals(List.of("save 3", "save 6"), saves(events));
    assertEquals(List.of("summary 2", "summary 4", "summary 6"),
        events.stream().filter(e -> e.startsWith("summary")).toList());
  }

  @Test
  void onlyAtEndSavesOnceWithoutResuming(@TempDir Path dir) throws IOException {
    List<String> events = new ArrayList<>();
    new TrainingLoop<CountingSession, Void>(() -> new CountingSession(events, 0), new CheckpointManager(dir, 0),
        CheckpointCadence.onlyAtEnd(true), SummaryCadence.endingAtMultiplesOf(100), QUIET).withoutResume().train(5);
    assertEquals(List.of("save 5"), saves(events));
    assertEquals("fresh", events.get(0));
  }

  @Test
  void evaluationCadencesAndListenerOrder(@TempDir Path dir) throws IOException {
    List<String> events = new ArrayList<>();
    TrainingListener<CountingSession, String> listener = new TrainingListener<>() {
      @Override
      public void started(CountingSession s, long step, Optional<Path> resumedFrom) {
        events.add("started " + step);
      }

      @Override
      public void evaluated(CountingSession s, long step, String result) {
        events.add("evaluated " + result);
      }

      @Override
      public void finished(CountingSession s, long step) {
        events.add("finished " + step);
      }

      @Override
      public void close() {
        events.add("listener closed");
      }
    };
    new TrainingLoop<CountingSession, String>(() -> new CountingSession(events, 0), new CheckpointManager(dir, 0),
        CheckpointCadence.multiplesOf(2), SummaryCadence.endingAtMultiplesOf(100), QUIET)
        .evaluating(EvaluationCadence.multiplesBeforeEndThenEnd(2),
            (s, step, checkpoint) -> step + "@" + checkpoint.map(Path::toString).orElse("-"))
        .listener(listener)
        .train(5);
    // Mid-run evaluations name the checkpoint of their step; the last one follows the final save.
    assertEquals(List.of("fresh", "started 0", "save 2", "evaluated 2@model.ckpt-2", "save 4", "evaluated 4@model.ckpt-4",
        "save 5", "evaluated 5@model.ckpt-5", "finished 5", "listener closed", "close"), events);
  }

  @Test
  void everyEvaluationIntervalAndTheLastStep(@TempDir Path dir) throws IOException {
    List<Long> evaluated = new ArrayList<>();
    new TrainingLoop<CountingSession, Long>(() -> new CountingSession(new ArrayList<>(), 0),
        new CheckpointManager(dir, 0), CheckpointCadence.onlyAtEnd(false), SummaryCadence.endingAtMultiplesOf(100), QUIET)
        .evaluating(EvaluationCadence.multiplesAndLastStep(3), (s, step, checkpoint) -> step)
        .listener(new TrainingListener<>() {
          @Override
          public void evaluated(CountingSession s, long step, Long result) {
            evaluated.add(result);
          }
        })
        .train(7);
    assertEquals(List.of(3L, 6L, 7L), evaluated);
  }

  @Test
  void aNonFiniteLossStopsTheRunNamingTheStep(@TempDir Path dir) {
    TrainingLoop<CountingSession, Void> loop = new TrainingLoop<CountingSession, Void>(
        () -> new CountingSession(new ArrayList<>(), 0) {
          @Override
          public StepResult step(boolean summarise) {
            step++;
            return new StepResult(step == 3 ? Float.NaN : 1f, step);
          }
        }, new CheckpointManager(dir, 0), CheckpointCadence.onlyAtEnd(false), SummaryCadence.endingAtMultiplesOf(100),
        QUIET);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> loop.train(10));
    assertEquals("training diverged at step 3: loss became NaN or infinite; no checkpoint was saved"
        + " (lower the learning rate?)", e.getMessage());
  }

  @Test
  void aDivergedStepIsNeitherSavedNorEvaluatedAndTheLastFiniteCheckpointStaysLatest(@TempDir Path dir) {
    List<String> events = new ArrayList<>();
    TrainingLoop<CountingSession, String> loop = new TrainingLoop<CountingSession, String>(
        () -> new CountingSession(events, 0) {
          @Override
          public StepResult step(boolean summarise) {
            step++;
            return new StepResult(1f, step, step == 6 ? Optional.of("layer/weights") : Optional.empty());
          }
        }, new CheckpointManager(dir, 0), CheckpointCadence.multiplesOf(2), SummaryCadence.endingAtMultiplesOf(100),
        QUIET)
        .evaluating(EvaluationCadence.multiplesAndLastStep(3), (s, step, checkpoint) -> "evaluated " + step)
        .listener(new TrainingListener<>() {
          @Override
          public void evaluated(CountingSession s, long step, String result) {
            events.add(result);
          }

          @Override
          public void finished(CountingSession s, long step) {
            events.add("finished");
          }
        });
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> loop.train(10));
    assertEquals(6, e.step());
    assertEquals("layer/weights", e.tensor());
    assertTrue(e.getMessage().startsWith("training diverged at step 6: layer/weights became NaN or infinite;"
        + " the latest checkpoint stays model.ckpt-4"), e.getMessage());
    assertEquals(List.of("fresh", "save 2", "evaluated 3", "save 4", "close"), events);
  }

  @Test
  void aStateWithANonFiniteVariableIsNeverSaved(@TempDir Path dir) {
    List<String> events = new ArrayList<>();
    TrainingLoop<CountingSession, Void> loop = new TrainingLoop<CountingSession, Void>(
        () -> new CountingSession(events, 0) {
          @Override
          public Optional<String> firstNonFiniteVariable() {
            // An optimizer slot the step's check does not cover went bad after step 3.
            return step > 3 ? Optional.of("layer/weights/Momentum") : Optional.empty();
          }
        }, new CheckpointManager(dir, 0), CheckpointCadence.estimator(2), SummaryCadence.endingAtMultiplesOf(100),
        QUIET);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> loop.train(10));
    assertEquals("training diverged at step 4: layer/weights/Momentum became NaN or infinite; the latest checkpoint"
        + " stays model.ckpt-2 (lower the learning rate?)", e.getMessage());
    assertEquals(List.of("save 0", "save 2"), saves(events));
  }

  @Test
  void aSecondRunOnTheSameFolderIsRefusedWhileTheFirstTrains(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("run");
    List<String> refusals = new ArrayList<>();
    TrainingLoop<CountingSession, Void> second = new TrainingLoop<>(() -> new CountingSession(new ArrayList<>(), 0),
        new CheckpointManager(out, 0), CheckpointCadence.onlyAtEnd(true), SummaryCadence.endingAtMultiplesOf(100),
        QUIET);
    long reached = new TrainingLoop<CountingSession, Void>(() -> new CountingSession(new ArrayList<>(), 0),
        new CheckpointManager(out, 0), CheckpointCadence.onlyAtEnd(true), SummaryCadence.endingAtMultiplesOf(100),
        QUIET)
        .listener(new TrainingListener<>() {
          @Override
          public void beforeStep(CountingSession s, long step) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.train(4));
            refusals.add(e.getMessage());
          }
        })
        .train(2);
    assertEquals(2, reached);
    assertEquals(2, refusals.size());
    assertTrue(refusals.get(0).startsWith("output folder " + out + " is in use by another run (pid "
        + ProcessHandle.current().pid() + " on host "), refusals.get(0));
    // Released at the end: the folder is free again.
    assertEquals(4, second.train(4));
  }

  @Test
  void aRunThatFailsBeforeWritingAnythingLeavesNoFolderBehind(@TempDir Path dir) {
    Path out = dir.resolve("never");
    TrainingLoop<CountingSession, Void> loop = new TrainingLoop<>(() -> {
      throw new IllegalArgumentException("bad flag found while building the graph");
    }, new CheckpointManager(out, 0), CheckpointCadence.estimator(2), SummaryCadence.endingAtMultiplesOf(100), QUIET);
    assertThrows(IllegalArgumentException.class, () -> loop.train(4));
    assertFalse(java.nio.file.Files.exists(out));
  }

  @Test
  void aRunThatFailsInAnExistingFolderLeavesItAsItWas(@TempDir Path dir) throws IOException {
    java.nio.file.Files.writeString(dir.resolve("notes.txt"), "mine");
    TrainingLoop<CountingSession, Void> loop = new TrainingLoop<>(() -> {
      throw new IllegalArgumentException("bad flag found while building the graph");
    }, new CheckpointManager(dir, 0), CheckpointCadence.estimator(2), SummaryCadence.endingAtMultiplesOf(100), QUIET);
    assertThrows(IllegalArgumentException.class, () -> loop.train(4));
    // Something else was there: the lock file stays (naming its last holder), nothing else changed.
    try (var files = java.nio.file.Files.list(dir)) {
      assertEquals(List.of(".rigl.lock", "notes.txt"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void trainAndEvaluateHoldsTheFolderWhileItEvaluates(@TempDir Path dir) throws IOException {
    List<String> evaluatedWhileHeld = new ArrayList<>();
    TrainingLoop<CountingSession, Void> loop = new TrainingLoop<CountingSession, Void>(
        () -> new CountingSession(new ArrayList<>(), 0) {
          @Override
          public Path save(CheckpointManager checkpoints, long at) {
            try {
              new CheckpointState("model.ckpt-" + at, List.of("model.ckpt-" + at)).write(dir);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            return dir.resolve("model.ckpt-" + at);
          }
        }, new CheckpointManager(dir, 0), CheckpointCadence.estimator(100), SummaryCadence.endingAtMultiplesOf(100), QUIET);
    Optional<String> last = loop.trainAndEvaluate(4, 2, checkpoint -> {
      assertThrows(IllegalStateException.class, () -> org.rigl.core.checkpoint.OutputFolderLock.acquire(dir));
      evaluatedWhileHeld.add(checkpoint.getFileName().toString());
      return checkpoint.getFileName().toString();
    });
    assertEquals(Optional.of("model.ckpt-4"), last);
    assertEquals(List.of("model.ckpt-2", "model.ckpt-4"), evaluatedWhileHeld);
  }

  @Test
  void thePollerGivesUpWithoutACheckpoint(@TempDir Path dir) {
    CheckpointPoller poller = new CheckpointPoller(dir, 10, OptionalLong.of(0), new PrintStream(new ByteArrayOutputStream()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> poller.evaluateUntil(10, checkpoint -> 0L, r -> r));
    assertTrue(e.getMessage().startsWith("no checkpoint appeared in"), e.getMessage());
  }

  @Test
  void evalResultsFileIsReplacedWhole(@TempDir Path dir) throws IOException {
    Path file = EvalResultsFile.write(dir.resolve("out"), "{\"a\": 1}\n");
    EvalResultsFile.write(dir.resolve("out"), "{\"a\": 2}\n");
    assertEquals("{\"a\": 2}\n", java.nio.file.Files.readString(file));
    assertEquals(List.of(file), java.nio.file.Files.list(dir.resolve("out")).toList());
  }

  @Test
  void aNonFiniteEvaluationIsAnErrorAndLeavesTheFileAsItWas(@TempDir Path dir) throws IOException {
    Path file = EvalResultsFile.write(dir, "{\"a\": 1}\n");
    for (String value : List.of("NaN", "Infinity", "-Infinity")) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> EvalResultsFile.write(dir, "{\n  \"global_step\": 3,\n  \"bits_per_char\": " + value + ",\n}\n"));
      assertEquals("evaluation gave bits_per_char = " + value + ": the model has diverged; eval_results.json was not written",
          e.getMessage());
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> EvalResultsFile.requireFinite(java.util.Map.of("top_1_accuracy", Double.NaN)));
    assertTrue(e.getMessage().startsWith("evaluation gave top_1_accuracy = NaN"), e.getMessage());
    EvalResultsFile.requireFinite(java.util.Map.of("top_1_accuracy", 0.5));
    assertEquals("{\"a\": 1}\n", java.nio.file.Files.readString(file));
  }
}
