package org.rigl.imagenet.data;

/**
 * The input data is unusable: a missing or empty directory, no shard matching the pattern, a
 * corrupt record, an undecodable image, a label outside {@code [0, classes)}. The message is one
 * line naming the file (and record, where there is one) so the command line can print it as is.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
