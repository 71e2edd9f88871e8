package org.rigl.tools.convert;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.rigl.lm.data.WikiTextConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigl convert wikitext}: WikiText's raw files to TFRecords of byte runs. */
@Command(
    name = "wikitext",
    modelTransformer = ConvertWikiTextCommand.Texts.class,
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
  @Mixin ConvertDirs dirs;

  /** This converter's words for the two folders. */
  static final class Texts extends ConvertDirs.Texts {
    public Texts() {
      super("The wiki.*.raw files (required).", "Where the TFRecords go (required).");
    }
  }

  @Option(names = "--seq_len", paramLabel = "N", defaultValue = "" + WikiTextConverter.DEFAULT_SEQ_LEN,
      description = "Bytes per record (default: ${DEFAULT-VALUE}).")
  int seqLen;

  @Override
  public Integer call() throws IOException {
    WikiTextConverter.convert(
        dirs.input(),
        dirs.output(),
        seqLen,
        System.out);
    return 0;
  }
}
