package org.rigl.models.layers;

/**
 * The reference's {@code data_format} flag. Only {@code channels_last} (NHWC) graphs are built:
 * TensorFlow's CPU Conv2D and MaxPool kernels reject NCHW, and the layout changes no variable
 * shape or name, so {@code channels_last} gives the same model everywhere.
 */
public final class DataFormat {
  public static final String CHANNELS_LAST = "channels_last";

  private DataFormat() {}

  /** Returns {@code value} if supported; explains the choice otherwise. */
  public static String require(String value) {
    if (CHANNELS_LAST.equals(value)) {
      return value;
    }
    if ("channels_first".equals(value)) {
      throw new IllegalArgumentException(
          "data_format 'channels_first' is not supported: models are built NHWC (TensorFlow's CPU Conv2D/MaxPool "
              + "kernels only run channels_last); variables are identical, use channels_last");
    }
    throw new IllegalArgumentException("Not a valid channel string: '" + value + "' (channels_last, channels_first)");
  }
}
