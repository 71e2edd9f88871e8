package org.rigl.tools.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rigl.lm.data.WikiTextConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rigl convert wikitext}: WikiText's raw files to TFRecords of byte runs. */
@Command(
    name = "wikitext",
    mixinStandardHelpOptions = true,
    description = {
      "WikiText's raw files to TFRecords of raw UTF-8 byte runs.",
      "Input: wiki.train.raw, wiki.valid.raw and wiki.test.raw (WikiText-2 or",
      "-103, raw version) in INPUT_DIR.",
      "Output: OUTPUT_DIR/wiki.train.tfrecord, wiki.valid.tfrecord and",
      "wiki.test.tfrecord.",
      "Schema: one tf.Example per record with a single feature 'bytes' (a",
      "bytes_list of one value): the next --seq_len bytes of the file, unchanged,",
      "the last record shorter. A record may end inside a multi-byte character;",
      "the records concatenated in order give the file back byte for byte."
    })
final class ConvertWikiTextCommand implements Callable<Integer> {
  @Option(names = "--input_dir", paramLabel = "DIR", description = "The wiki.*.raw files (required).")
  Path inputDir;

  @Option(names = "--output_dir", paramLabel = "DIR", description = "Where the TFRecords go (required).")
  Path outputDir;

  @Option(names = "--seq_len", paramLabel = "N", defaultValue = "" + WikiTextConverter.DEFAULT_SEQ_LEN,
      description = "Bytes per record (default: ${DEFAULT-VALUE}).")
  int seqLen;

  @Override
  public Integer call() throws IOException {
    WikiTextConverter.convert(
        ConvertCommand.required("--input_dir", inputDir),
        ConvertCommand.required("--output_dir", outputDir),
        seqLen,
        System.out);
    return 0;
  }
}
