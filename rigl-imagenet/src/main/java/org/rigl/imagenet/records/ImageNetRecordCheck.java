package org.rigl.imagenet.records;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Optional;
import org.rigl.imagenet.input.ImageNetExample;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * The record checks of the ImageNet pipeline, in Java: a {@code tf.Example} with JPEG bytes under
 * {@code image/encoded} that TensorFlow decodes, and an {@code image/class/label} that lies in
 * {@code [0, classes)} after subtracting the label offset.
 */
public final class ImageNetRecordCheck implements RecordCheck {
  private final int labelOffset;
  private final int numClasses;
  private final JpegDecodeCheck jpeg = new JpegDecodeCheck();

  public ImageNetRecordCheck(int labelOffset, int numClasses) {
    this.labelOffset = labelOffset;
    this.numClasses = numClasses;
  }

  @Override
  public Optional<String> problem(byte[] record) {
    Example example;
    try {
      example = Example.parseFrom(record);
    } catch (InvalidProtocolBufferException e) {
      return Optional.of("not a tf.Example (" + e.getMessage() + ")");
    }
    var features = example.getFeatures().getFeatureMap();
    Feature label = features.get(ImageNetExample.LABEL_KEY);
    if (label == null || label.getInt64List().getValueCount() != 1) {
      return Optional.of("no single int64 " + ImageNetExample.LABEL_KEY);
    }
    long shifted = label.getInt64List().getValue(0) - labelOffset;
    if (shifted < 0 || shifted >= numClasses) {
      return Optional.of(
          "label " + label.getInt64List().getValue(0) + " minus --label_offset=" + labelOffset
              + " is " + shifted + ", outside [0, " + numClasses + ")");
    }
    Feature image = features.get(ImageNetExample.IMAGE_KEY);
    if (image == null || image.getBytesList().getValueCount() != 1) {
      return Optional.of("no single bytes " + ImageNetExample.IMAGE_KEY);
    }
    return jpeg.problem(image.getBytesList().getValue(0).toByteArray()).map(e -> "undecodable JPEG: " + e);
  }

  @Override
  public void close() {
    jpeg.close();
  }
}
