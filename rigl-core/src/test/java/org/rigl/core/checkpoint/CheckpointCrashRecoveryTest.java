package org.rigl.core.checkpoint;

import org.rigl.core.io.TemporaryNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A save killed at each moment of the commit protocol (simulated by an error thrown there, which
 * skips all clean-up as a kill would) leaves a loadable latest checkpoint, old or new, and the next
 * writer puts the folder back in order.
 */
class CheckpointCrashRecoveryTest {
  private static final List<String> STAGES =
      List.of(
          "new pair written",
          "previous data kept",
          "previous pair kept",
          "old index deleted",
          "new data in place",
          "new index in place",
          "state written");

  private static StepModel model;

  /** What a kill does: stops the save where it is, with no clean-up. */
  private static final class Killed extends Error {
    Killed(String stage) {
      super("killed at " + stage);
    }
  }

  @BeforeAll
  static void buildModel() {
    model = new StepModel(1000);
  }

  @AfterAll
  static void closeModel() {
    model.close();
  }

  private static CheckpointManager killedAt(Path dir, String stage) {
    return new CheckpointManager(dir, 0, reached -> {
      if (reached.equals(stage)) {
        throw new Killed(stage);
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "new pair written", "previous data kept", "previous pair kept", "old index deleted",
      "new data in place", "new index in place", "state written"})
  void aSameNameResaveKilledAnywhereLeavesTheOldOrTheNewPair(String stage, @TempDir Path dir) throws IOException {
    new CheckpointManager(dir, 0).saveAs(model.session, model.at(0).saver, "model.ckpt");
    model.at(1);
    new CheckpointManager(dir, 0).saveAs(model.session, model.saver, "model.ckpt");
    model.at(2);
    assertThrows(Killed.class, () -> killedAt(dir, stage).saveAs(model.session, model.saver, "model.ckpt"));
    asIfItsProcessDied(dir);

    long survivor = StepModel.verifiedStep(new CheckpointManager(dir, 0).latest().orElseThrow());
    long expected = STAGES.indexOf(stage) >= STAGES.indexOf("new index in place") ? 2 : 1;
    assertEquals(expected, survivor, "after a kill at " + stage);

    model.at(3);
    Path saved = new CheckpointManager(dir, 0).saveAs(model.session, model.saver, "model.ckpt");
    assertEquals(3, StepModel.verifiedStep(saved));
    assertEquals(List.of("checkpoint", "model.ckpt.data-00000-of-00001", "model.ckpt.index"), names(dir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"new pair written", "new data in place", "new index in place", "state written"})
  void aStepSaveKilledAnywhereKeepsTheLatestLoadable(String stage, @TempDir Path dir) throws IOException {
    model.at(10);
    new CheckpointManager(dir, 2).save(model.session, model.saver, 10);
    model.at(20);
    assertThrows(Killed.class, () -> killedAt(dir, stage).save(model.session, model.saver, 20));
    asIfItsProcessDied(dir);

    long expected = stage.equals("state written") ? 20 : 10;
    assertEquals(expected, StepModel.verifiedStep(new CheckpointManager(dir, 2).latest().orElseThrow()));
    model.at(20);
    assertEquals(20, StepModel.verifiedStep(new CheckpointManager(dir, 2).save(model.session, model.saver, 20)));
    assertTrue(names(dir).stream().noneMatch(n -> n.contains(".tmp-") || n.startsWith(".previous.")), names(dir).toString());
  }

  @Test
  void midReplacementTheLatestNameStillEndsWithItsStep(@TempDir Path dir) throws IOException {
    model.at(20);
    new CheckpointManager(dir, 0).save(model.session, model.saver, 20);
    assertThrows(Killed.class, () -> killedAt(dir, "new data in place").save(model.session, model.saver, 20));
    Path latest = new CheckpointManager(dir, 0).latest().orElseThrow();
    assertTrue(latest.getFileName().toString().endsWith("model.ckpt-20"), latest.toString());
    assertEquals(20, StepModel.verifiedStep(latest));
  }

  @Test
  void aSaveKilledWhileWritingLeavesNothingThatBlocksTheNext(@TempDir Path dir) throws IOException {
    model.at(1);
    new CheckpointManager(dir, 0).saveAs(model.session, model.saver, "model.ckpt");
    // A killed process's half-written files (its process id is not alive) and TensorFlow's own temporaries.
    Files.write(dir.resolve("model.ckpt.tmp-999999999-1-1.data-00000-of-00001.tempstate77"), new byte[100]);
    Files.write(dir.resolve("model.ckpt.tmp-999999999-1-1.index"), new byte[3]);
    Files.write(dir.resolve("checkpoint.tmp-999999999-1-2"), new byte[3]);
    // A live writer's temporary file (this process) stays.
    Path live = dir.resolve(TemporaryNames.next("model.ckpt") + ".index");
    Files.write(live, new byte[3]);

    model.at(2);
    new CheckpointManager(dir, 0).saveAs(model.session, model.saver, "model.ckpt");
    assertEquals(2, StepModel.verifiedStep(new CheckpointManager(dir, 0).latest().orElseThrow()));
    assertEquals(
        List.of("checkpoint", "model.ckpt.data-00000-of-00001", "model.ckpt.index", live.getFileName().toString()),
        names(dir));
  }

  @Test
  void preparingForWritingRestoresAHalfReplacedCheckpointAndFreesTheSpace(@TempDir Path dir) throws IOException {
    model.at(1);
    new CheckpointManager(dir, 0).saveAs(model.session, model.saver, "model.ckpt");
    model.at(2);
    assertThrows(Killed.class, () -> killedAt(dir, "new data in place").saveAs(model.session, model.saver, "model.ckpt"));
    asIfItsProcessDied(dir);
    assertTrue(names(dir).contains(".previous.model.ckpt.index"), names(dir).toString());

    new CheckpointManager(dir, 0).prepareForWriting();
    assertEquals(List.of("checkpoint", "model.ckpt.data-00000-of-00001", "model.ckpt.index"), names(dir));
    assertEquals(1, StepModel.verifiedStep(dir.resolve("model.ckpt")));
  }

  @Test
  void aFailedSaveDeletesItsOwnFiles(@TempDir Path dir) throws IOException {
    model.at(1);
    CheckpointManager manager = new CheckpointManager(dir, 0);
    manager.saveAs("model.ckpt", prefix -> model.saver.save(model.session, prefix));
    IOException full = new IOException("No space left on device");
    IOException thrown = assertThrows(IOException.class, () -> manager.saveAs("model.ckpt", prefix -> {
      Files.write(Path.of(prefix + ".data-00000-of-00001"), new byte[10]);
      throw full;
    }));
    assertEquals(full, thrown);
    assertEquals(List.of("checkpoint", "model.ckpt.data-00000-of-00001", "model.ckpt.index"), names(dir));
    assertEquals(1, StepModel.verifiedStep(manager.latest().orElseThrow()));
  }

  @Test
  void restoringFromADamagedDataFileNamesTheFileAndTensorAndChangesNothing(@TempDir Path dir) throws IOException {
    model.at(5);
    Path prefix = new CheckpointManager(dir, 0).save(model.session, model.saver, 5);
    Path data = Path.of(prefix + ".data-00000-of-00001");
    byte[] bytes = Files.readAllBytes(data);
    Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    model.at(6);
    org.rigl.core.io.CorruptCheckpointException e = assertThrows(org.rigl.core.io.CorruptCheckpointException.class,
        () -> model.saver.restore(model.session, prefix.toString(), List.of("global_step", "w")));
    assertTrue(e.getMessage().startsWith("Corrupt checkpoint file " + data + ", tensor 'global_step': truncated"), e.getMessage());
    assertEquals(6, StepModel.verifiedStep(new CheckpointManager(dir.resolve("again"), 0).save(model.session, model.saver, 6)));
  }

  @Test
  void temporaryNamesAreUniqueAndOnlyDeadWritersAreStale() {
    String a = TemporaryNames.next("checkpoint");
    String b = TemporaryNames.next("checkpoint");
    assertTrue(!a.equals(b) && TemporaryNames.isTemporary(a), a + " " + b);
    assertTrue(!TemporaryNames.isStale(a));
    assertTrue(TemporaryNames.isStale("checkpoint.tmp-999999999-0-1"));
    assertTrue(!TemporaryNames.isStale("model.ckpt-100.index"));
  }

  /** Gives the temporary files this process left the names a killed process's files have. */
  private static void asIfItsProcessDied(Path dir) throws IOException {
    String live = ".tmp-" + ProcessHandle.current().pid() + "-";
    for (String name : names(dir)) {
      if (name.contains(live)) {
        Files.move(dir.resolve(name), dir.resolve(name.replace(live, ".tmp-999999999-")));
      }
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
