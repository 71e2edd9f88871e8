package org.rigl.core.train.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
  void theNonFiniteLossGuardNamesTheStep(@TempDir Path dir) {
    TrainingLoop<CountingSession, Void> loop = new TrainingLoop<CountingSession, Void>(
        () -> new CountingSession(new ArrayList<>(), 0) {
          @Override
          public StepResult step(boolean summarise) {
            step++;
            return new StepResult(step == 3 ? Float.NaN : 1f, step);
          }
        }, new CheckpointManager(dir, 0), CheckpointCadence.onlyAtEnd(false), SummaryCadence.endingAtMultiplesOf(100),
        QUIET).listener(new NonFiniteLossGuard<>());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.train(10));
    assertTrue(e.getMessage().contains("NaN at step 3"), e.getMessage());
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
}
