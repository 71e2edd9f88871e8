package org.rigl.imagenet.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rigl.core.io.Examples;
import org.tensorflow.proto.Example;

/** The ImageNet converter over a tiny raw tree, read back record by record. */
@Tag("fast")
class ImageNetConverterTest {
  @TempDir Path dir;
  private RawImageNetTree tree;
  private Path out;

  @BeforeEach
  void writeTree() throws IOException {
    tree = RawImageNetTree.write(dir.resolve("raw"));
    out = dir.resolve("out");
  }

  static ImageNetConverter.Result convert(ImageNetConversion options) throws IOException {
    return ImageNetConverter.convert(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private ImageNetConversion options() {
    return ImageNetConversion.of(tree.root, out).withShards(3, 2).withNumThreads(2);
  }

  @Test
  void everyImageOnceInTheReferenceSchemaWithSortedSynsetLabels() throws IOException {
    ImageNetConverter.Result result = convert(options());
    assertEquals(12, result.trainImages());
    assertEquals(3, result.validationImages());
    assertEquals(1L, result.origins().get(ImageOrigin.OTHER_FORMAT));
    assertEquals(1L, result.origins().get(ImageOrigin.GRAYSCALE_JPEG));
    assertEquals(1L, result.origins().get(ImageOrigin.CMYK_JPEG));
    assertEquals(
        List.of(
            "train-00000-of-00003", "train-00001-of-00003", "train-00002-of-00003",
            "validation-00000-of-00002", "validation-00001-of-00002"),
        OutputFiles.names(out),
        "the shards and nothing else (no staging folder)");

    List<Example> examples = new ArrayList<>(OutputFiles.examples(out, "train-"));
    examples.addAll(OutputFiles.examples(out, "validation-"));
    Set<String> seen = new HashSet<>();
    for (Example example : examples) {
      String name = Examples.string(example, "image/filename");
      assertTrue(seen.add(name), "once: " + name);
      String synset = RawImageNetTree.synsetOf(name);
      assertEquals(synset, Examples.string(example, "image/class/synset"), name);
      assertEquals(RawImageNetTree.SYNSETS.indexOf(synset) + 1, Examples.int64(example, "image/class/label"), name);
      assertEquals(synset, Examples.string(example, "image/class/text"), "no text file: the synset");
      int[] size = tree.sizes.get(name);
      assertEquals(size[0], Examples.int64(example, "image/height"), name);
      assertEquals(size[1], Examples.int64(example, "image/width"), name);
      assertEquals(3, Examples.int64(example, "image/channels"));
      assertEquals("RGB", Examples.string(example, "image/colorspace"));
      assertEquals("JPEG", Examples.string(example, "image/format"));
      assertTrue(RgbJpegReaderTest.isJpeg(Examples.bytes(example, "image/encoded")), name);
      for (String box : List.of("xmin", "xmax", "ymin", "ymax")) {
        assertEquals(0, Examples.floats(example, "image/object/bbox/" + box).length);
      }
      assertEquals(0, Examples.int64s(example, "image/object/bbox/label").length);
    }
    assertEquals(tree.sizes.keySet(), seen);
  }

  @Test
  void reencodedImagesHoldTheirColoursAsRgb() throws IOException {
    convert(options());
    for (Example example : OutputFiles.examples(out, "train-")) {
      byte[] jpeg = Examples.bytes(example, "image/encoded");
      switch (Examples.string(example, "image/filename")) {
        case RawImageNetTree.PNG_FILE -> RgbJpegReaderTest.assertUniform(jpeg, 40, 200, 10);
        case RawImageNetTree.GRAY_FILE -> RgbJpegReaderTest.assertUniform(jpeg, 120, 120, 120);
        case RawImageNetTree.CMYK_FILE -> RgbJpegReaderTest.assertUniform(jpeg, 172, 86, 43);
        default -> {}
      }
    }
  }

  @Test
  void trainingOrderIsPythonsSeededShuffleCutIntoEqualShards() throws IOException {
    convert(options());
    // CPython: random.seed(12345); x = list(range(12)); random.shuffle(x)
    int[] permutation = {11, 10, 8, 1, 7, 9, 2, 3, 5, 4, 0, 6};
    List<String> sorted = RawImageNetTree.sortedTrainNames();
    List<String> expected = new ArrayList<>();
    for (int index : permutation) {
      expected.add(sorted.get(index));
    }
    List<String> actual = new ArrayList<>();
    for (Example example : OutputFiles.examples(out, "train-")) {
      actual.add(Examples.string(example, "image/filename"));
    }
    assertEquals(expected, actual);
    assertEquals(4, OutputFiles.examples(out.resolve("train-00001-of-00003")).size());
    assertEquals(1, OutputFiles.examples(out.resolve("validation-00000-of-00002")).size());
    assertEquals(2, OutputFiles.examples(out.resolve("validation-00001-of-00002")).size());
  }

  @Test
  void outputDoesNotDependOnTheThreadCount() throws IOException {
    convert(options().withNumThreads(1));
    byte[] oneThread = Files.readAllBytes(out.resolve("train-00002-of-00003"));
    convert(options().withNumThreads(3));
    assertArrayEquals(oneThread, Files.readAllBytes(out.resolve("train-00002-of-00003")));
  }

  @Test
  void synsetTextCsvLabelsAndKaggleLayout() throws IOException {
    tree.useCsvLabels();
    Path kaggleRoot = Files.createDirectories(tree.root.resolve("ILSVRC/Data/CLS-LOC"));
    Files.move(tree.root.resolve("train"), kaggleRoot.resolve("train"));
    Files.move(tree.root.resolve("val"), kaggleRoot.resolve("val"));
    Path texts = Files.write(
        dir.resolve("LOC_synset_mapping.txt"),
        List.of("n01440764 tench, Tinca tinca", "n01443537\tgoldfish, Carassius auratus", "n01484850 great white shark"));
    convert(options().withSynsetText(texts));
    for (Example example : OutputFiles.examples(out, "validation-")) {
      String name = Examples.string(example, "image/filename");
      String synset = RawImageNetTree.synsetOf(name);
      assertEquals(synset, Examples.string(example, "image/class/synset"), name);
      String text = Examples.string(example, "image/class/text");
      assertEquals(
          switch (synset) {
            case "n01440764" -> "tench, Tinca tinca";
            case "n01443537" -> "goldfish, Carassius auratus";
            default -> "great white shark";
          },
          text);
    }
  }

  @Test
  void validationAlreadySortedIntoClassFolders() throws IOException {
    Path val = tree.root.resolve("val");
    for (int v = 0; v < 3; v++) {
      Path folder = Files.createDirectories(val.resolve(RawImageNetTree.VALIDATION_SYNSETS.get(v)));
      Files.move(val.resolve(RawImageNetTree.validationName(v)), folder.resolve(RawImageNetTree.validationName(v)));
    }
    Files.delete(tree.root.resolve(RawImageNetTree.TXT_LABELS));
    convert(options().withShards(3, 1));
    List<Example> validation = OutputFiles.examples(out.resolve("validation-00000-of-00001"));
    for (int v = 0; v < 3; v++) {
      Example example = validation.get(v);
      assertEquals(RawImageNetTree.validationName(v), Examples.string(example, "image/filename"), "file-name order");
      String synset = RawImageNetTree.VALIDATION_SYNSETS.get(v);
      assertEquals(RawImageNetTree.SYNSETS.indexOf(synset) + 1, Examples.int64(example, "image/class/label"));
    }
  }

  @Test
  void validationSynsetWithoutTrainingImagesGetsItsOwnLabelAndAWarning() throws IOException {
    Files.write(tree.root.resolve(RawImageNetTree.TXT_LABELS), List.of("n01484850", "n00000001", "n01443537"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ImageNetConverter.convert(options().withShards(1, 1), new PrintStream(log, true, StandardCharsets.UTF_8));
    String printed = log.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("labels: 1..4 by sorted synset"), printed);
    assertTrue(printed.contains("warning: 1 validation synsets have no training images and get labels of their own: [n00000001]"), printed);
    // As imagenet_to_gcs.py: labels over the union, so every training label moves up by one.
    for (Example example : OutputFiles.examples(out, "train-")) {
      String synset = Examples.string(example, "image/class/synset");
      assertEquals(RawImageNetTree.SYNSETS.indexOf(synset) + 2, Examples.int64(example, "image/class/label"));
    }
  }

  @Test
  void withoutValidationFolderOnlyTrainingShards() throws IOException {
    for (int v = 0; v < 3; v++) {
      Files.delete(tree.root.resolve("val").resolve(RawImageNetTree.validationName(v)));
    }
    Files.delete(tree.root.resolve("val"));
    ImageNetConverter.Result result = convert(options().withShards(2, 2));
    assertEquals(0, result.validationImages());
    assertEquals(List.of("train-00000-of-00002", "train-00001-of-00002"), OutputFiles.names(out));
  }
}
