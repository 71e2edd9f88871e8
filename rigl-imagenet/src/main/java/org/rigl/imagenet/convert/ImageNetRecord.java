package org.rigl.imagenet.convert;

import org.rigl.core.io.Examples;

/**
 * The {@code tf.Example} of one image in the schema of {@code build_imagenet_data.py} (a superset of
 * tensorflow/tpu {@code imagenet_to_gcs.py}'s): {@code image/encoded} (RGB JPEG), {@code image/format}
 * 'JPEG', {@code image/height}, {@code image/width}, {@code image/channels} 3, {@code
 * image/colorspace} 'RGB', {@code image/class/label}, {@code image/class/synset}, {@code
 * image/class/text}, {@code image/filename} and the bounding-box lists {@code
 * image/object/bbox/{xmin,xmax,ymin,ymax}} (float) and {@code image/object/bbox/label} (int64), left
 * empty as the reference leaves them without a bounding-box file.
 */
final class ImageNetRecord {
  private ImageNetRecord() {}

  static byte[] serialize(LabeledImage image, RgbJpeg jpeg, SynsetLabels labels) {
    return Examples.builder()
        .putInt64("image/height", jpeg.height())
        .putInt64("image/width", jpeg.width())
        .putString("image/colorspace", "RGB")
        .putInt64("image/channels", 3)
        .putInt64("image/class/label", labels.label(image.synset()))
        .putString("image/class/synset", image.synset())
        .putString("image/class/text", labels.text(image.synset()))
        .putFloat("image/object/bbox/xmin")
        .putFloat("image/object/bbox/xmax")
        .putFloat("image/object/bbox/ymin")
        .putFloat("image/object/bbox/ymax")
        .putInt64("image/object/bbox/label")
        .putString("image/format", "JPEG")
        .putString("image/filename", image.fileName())
        .putBytes("image/encoded", jpeg.bytes())
        .toByteArray();
  }
}
