package org.rigl.imagenet.data;

/** Bad records an input left out ({@code --skip_bad_records}), with a one-line summary. */
public record SkippedRecords(long count, String summary) {
  public static SkippedRecords none() {
    return new SkippedRecords(0, "no bad records");
  }
}
