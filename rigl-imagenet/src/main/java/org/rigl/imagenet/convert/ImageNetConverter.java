package org.rigl.imagenet.convert;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rigl.core.io.StagedOutputDirectory;
import org.rigl.core.io.TfRecordWriter;
import org.rigl.core.train.ProgressLine;

/**
 * Converts ImageNet's raw layout to the TFRecord shards the ImageNet input reads, as
 * {@code build_imagenet_data.py} / tensorflow/tpu {@code imagenet_to_gcs.py} do: the training list
 * (sorted by synset and file name) shuffled with Python's {@code random.seed(12345)}, validation in
 * file-name order, each split cut into near-equal consecutive shards, one {@link ImageNetRecord} per
 * image.
 *
 * <p>Input problems that can be seen up front (layout, labels, names, stale shards) fail before any
 * image is read. All shards are written to a staging folder and appear together at the end, so a
 * failed run leaves the output directory as it was.
 */
public final class ImageNetConverter {
  private static final Pattern SHARD_NAME = Pattern.compile("(train|validation)-\\d{5}-of-\\d{5}");

  private ImageNetConverter() {}

  /** The outcome: images per split, shards written, and how many images of each origin. */
  public record Result(int trainImages, int validationImages, int shards, Map<ImageOrigin, Long> origins) {}

  private record Shard(String name, List<LabeledImage> images) {}

  public static Result convert(ImageNetConversion options, PrintStream out) throws IOException {
    RawImageNet raw = RawImageNet.scan(options.inputDirectory(), options.labelsFile());
    SynsetLabels labels = labels(raw, options.synsetText());
    List<LabeledImage> train = new ArrayList<>(raw.train());
    new PythonRandom(ImageNetConversion.SHUFFLE_SEED).shuffle(train);
    List<Shard> shards = new ArrayList<>(split("train", train, options.trainShards()));
    if (!raw.validation().isEmpty()) {
      shards.addAll(split("validation", raw.validation(), options.validationShards()));
    }
    rejectStaleShards(options.outputDirectory(), shards);
    describe(raw, labels, options, out);

    Map<ImageOrigin, LongAdder> origins = new EnumMap<>(ImageOrigin.class);
    for (ImageOrigin origin : ImageOrigin.values()) {
      origins.put(origin, new LongAdder());
    }
    LongAdder done = new LongAdder();
    int total = raw.train().size() + raw.validation().size();
    ProgressLine progress = new ProgressLine(out, "convert imagenet:", total);
    // The pool reports a few times a second; the finished line is printed once.
    AtomicLong reported = new AtomicLong(-1);
    Runnable report = () -> {
      long now = done.sum();
      if (reported.getAndSet(now) != now || now < total) {
        progress.update(now, "images", 1, "");
      }
    };
    try (StagedOutputDirectory staged = StagedOutputDirectory.in(options.outputDirectory())) {
      List<ShardPool.Task> tasks = new ArrayList<>();
      for (Shard shard : shards) {
        tasks.add(() -> write(shard, staged.file(shard.name()), labels, done, origins));
      }
      try {
        ShardPool.runAll(tasks, options.numThreads(), report);
      } catch (IOException | RuntimeException e) {
        out.println();
        throw e;
      }
      staged.commit();
    }
    Map<ImageOrigin, Long> counts = new EnumMap<>(ImageOrigin.class);
    origins.forEach((origin, count) -> counts.put(origin, count.sum()));
    out.printf(
        "wrote %d shards to %s; re-encoded as RGB JPEG: %d grayscale, %d CMYK, %d other formats (e.g. PNG)%n",
        shards.size(),
        options.outputDirectory(),
        counts.get(ImageOrigin.GRAYSCALE_JPEG),
        counts.get(ImageOrigin.CMYK_JPEG),
        counts.get(ImageOrigin.OTHER_FORMAT));
    return new Result(raw.train().size(), raw.validation().size(), shards.size(), counts);
  }

  /** Labels over the synsets of both splits, as {@code imagenet_to_gcs.py} numbers them. */
  private static SynsetLabels labels(RawImageNet raw, Path synsetText) throws IOException {
    Set<String> synsets = new TreeSet<>();
    raw.train().forEach(image -> synsets.add(image.synset()));
    raw.validation().forEach(image -> synsets.add(image.synset()));
    return new SynsetLabels(synsets, synsetText == null ? null : SynsetTexts.read(synsetText), synsetText);
  }

  private static List<Shard> split(String prefix, List<LabeledImage> images, int shardCount) {
    List<Shard> shards = new ArrayList<>(shardCount);
    for (int shard = 0; shard < shardCount; shard++) {
      int from = ShardRanges.start(shard, images.size(), shardCount);
      int to = ShardRanges.start(shard + 1, images.size(), shardCount);
      shards.add(new Shard(ShardRanges.name(prefix, shard, shardCount), images.subList(from, to)));
    }
    return shards;
  }

  /** Shards of another conversion (e.g. another shard count) would be read along with the new ones. */
  private static void rejectStaleShards(Path outputDirectory, List<Shard> shards) throws IOException {
    if (!Files.isDirectory(outputDirectory)) {
      return;
    }
    Set<String> planned = new HashSet<>();
    shards.forEach(shard -> planned.add(shard.name()));
    try (Stream<Path> listing = Files.list(outputDirectory)) {
      for (Path file : (Iterable<Path>) listing.sorted()::iterator) {
        String name = file.getFileName().toString();
        if (SHARD_NAME.matcher(name).matches() && !planned.contains(name)) {
          throw new IllegalArgumentException(
              "--output_dir " + outputDirectory + " already holds " + name
                  + ", which this conversion would not replace; remove the old shards or choose another directory");
        }
      }
    }
  }

  private static void describe(RawImageNet raw, SynsetLabels labels, ImageNetConversion options, PrintStream out) {
    out.printf(
        "train: %d images of %d synsets in %s -> %d shards (shuffled as Python's random.seed(%d))%n",
        raw.train().size(),
        raw.train().stream().map(LabeledImage::synset).distinct().count(),
        raw.trainDirectory(),
        options.trainShards(),
        ImageNetConversion.SHUFFLE_SEED);
    if (raw.validation().isEmpty()) {
      out.println("validation: no validation/ or val/ folder; writing training shards only");
    } else {
      out.printf(
          "validation: %d images in %s%s -> %d shards%n",
          raw.validation().size(),
          raw.validationDirectory(),
          raw.labelsFile() == null ? " (labelled by folder)" : ", labels from " + raw.labelsFile(),
          options.validationShards());
    }
    out.printf("labels: 1..%d by sorted synset (train with --label_offset=1)%n", labels.synsets().size());
    Set<String> trainSynsets = new HashSet<>();
    raw.train().forEach(image -> trainSynsets.add(image.synset()));
    Set<String> validationOnly = new TreeSet<>();
    raw.validation().stream().map(LabeledImage::synset).filter(s -> !trainSynsets.contains(s)).forEach(validationOnly::add);
    if (!validationOnly.isEmpty()) {
      // imagenet_to_gcs.py numbers the union of both splits' synsets; a typo in the labels file would
      // shift every later label, so say so.
      out.printf(
          "warning: %d validation synsets have no training images and get labels of their own: %s%n",
          validationOnly.size(),
          validationOnly.size() <= 5 ? validationOnly : List.copyOf(validationOnly).subList(0, 5) + "...");
    }
  }

  private static void write(
      Shard shard, Path file, SynsetLabels labels, LongAdder done, Map<ImageOrigin, LongAdder> origins)
      throws IOException {
    try (TfRecordWriter writer = TfRecordWriter.create(file)) {
      try {
        for (LabeledImage image : shard.images()) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("stopped writing " + shard.name());
          }
          RgbJpeg jpeg = RgbJpegReader.read(image.file());
          writer.write(ImageNetRecord.serialize(image, jpeg, labels));
          origins.get(jpeg.origin()).increment();
          done.increment();
        }
      } catch (IOException | RuntimeException e) {
        writer.abort();
        throw e;
      }
    }
  }
}
