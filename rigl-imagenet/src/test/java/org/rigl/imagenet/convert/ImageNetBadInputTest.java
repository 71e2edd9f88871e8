package org.rigl.imagenet.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails with one line naming the culprit, and leaves the output directory as it was. */
@Tag("fast")
class ImageNetBadInputTest {
  @TempDir Path dir;
  private RawImageNetTree tree;
  private Path out;

  @BeforeEach
  void writeTree() throws IOException {
    tree = RawImageNetTree.write(dir.resolve("raw"));
    out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("keep.txt"), "not ours");
  }

  private ImageNetConversion options() {
    return ImageNetConversion.of(tree.root, out).withShards(2, 1).withNumThreads(2);
  }

  private void assertFails(String expected, Executable conversion) throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, conversion);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertEquals(List.of("keep.txt"), OutputFiles.names(out), "output untouched");
  }

  @Test
  void missingInputDirectoryOrTrainFolder() throws IOException {
    Path missing = dir.resolve("nowhere");
    assertFails("--input_dir " + missing + " does not exist", () -> ImageNetConverterTest.convert(ImageNetConversion.of(missing, out)));
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertFails("has no train/ folder", () -> ImageNetConverterTest.convert(ImageNetConversion.of(empty, out)));
  }

  @Test
  void trainFolderWithoutImages() throws IOException {
    Path root = Files.createDirectories(dir.resolve("bare/train/n01440764"));
    Files.writeString(root.resolve("README"), "no images here");
    assertFails("holds no images", () -> ImageNetConverterTest.convert(ImageNetConversion.of(dir.resolve("bare"), out)));
  }

  @Test
  void unreadableImageIsNamedAndNoShardAppears() throws IOException {
    Path bad = tree.root.resolve("train/n01443537/n01443537_3.JPEG");
    Files.writeString(bad, "this is not a JPEG");
    assertFails(bad + ": not a readable image", () -> ImageNetConverterTest.convert(options()));
  }

  @Test
  void labelsFileWithTooFewLines() throws IOException {
    Path labels = tree.root.resolve(RawImageNetTree.TXT_LABELS);
    Files.write(labels, RawImageNetTree.VALIDATION_SYNSETS.subList(0, 2));
    assertFails(labels + " lists 2 synsets but there are 3 validation images", () -> ImageNetConverterTest.convert(options()));
  }

  @Test
  void csvLabelsWithoutAnImage() throws IOException {
    tree.useCsvLabels();
    Path csv = tree.root.resolve("LOC_val_solution.csv");
    List<String> rows = Files.readAllLines(csv);
    Files.write(csv, rows.stream().filter(row -> !row.startsWith("ILSVRC2012_val_00000002")).toList());
    assertFails(csv + " has no synset for validation image ILSVRC2012_val_00000002.JPEG", () -> ImageNetConverterTest.convert(options()));
  }

  @Test
  void validationImagesWithoutAnyLabelsFile() throws IOException {
    Files.delete(tree.root.resolve(RawImageNetTree.TXT_LABELS));
    assertFails("no labels file was found; pass --labels_file", () -> ImageNetConverterTest.convert(options()));
    Path missing = dir.resolve("labels.txt");
    assertFails("--labels_file " + missing + " does not exist", () -> ImageNetConverterTest.convert(options().withLabelsFile(missing)));
  }

  @Test
  void synsetTextWithoutASynset() throws IOException {
    Path texts = Files.write(dir.resolve("metadata.txt"), List.of("n01440764\ttench", "n01443537\tgoldfish"));
    assertFails(texts + " has no human-readable text for synset n01484850", () -> ImageNetConverterTest.convert(options().withSynsetText(texts)));
  }

  @Test
  void staleShardsOfAnotherConversion() throws IOException {
    Files.writeString(out.resolve("train-00003-of-00004"), "old");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageNetConverterTest.convert(options()));
    assertTrue(e.getMessage().contains("already holds train-00003-of-00004"), e.getMessage());
    assertEquals(List.of("keep.txt", "train-00003-of-00004"), OutputFiles.names(out));
  }

  @Test
  void outputDirectoryThatIsAFileAndBadCounts() throws IOException {
    Path file = out.resolve("keep.txt");
    assertFails("--output_dir " + file + " is a file", () -> ImageNetConversion.of(tree.root, file));
    assertFails("--train_shards must be positive", () -> options().withShards(0, 1));
    assertFails("--num_threads must be positive", () -> options().withNumThreads(0));
  }
}
