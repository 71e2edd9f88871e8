package org.rigl.imagenet.records;

import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Decodes JPEG bytes with TensorFlow's own {@code DecodeJpeg} (the pipeline's decoder, so exactly
 * the images the pipeline would fail on are reported) in a small graph of its own.
 */
public final class JpegDecodeCheck implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Session session = new Session(graph);
  private final Placeholder<TString> jpeg;
  private final Operand<TInt32> shape;

  public JpegDecodeCheck() {
    Ops tf = Ops.create(graph);
    jpeg = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    shape = tf.shape(tf.image.decodeJpeg(jpeg, DecodeJpeg.channels(3L)));
  }

  /** TensorFlow's error (first line) if {@code bytes} do not decode, else empty. */
  public Optional<String> problem(byte[] bytes) {
    try (TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(bytes));
        Result result = session.runner().feed(jpeg, input).fetch(shape).run()) {
      return Optional.empty();
    } catch (TFInvalidArgumentException | TensorFlowException e) {
      // DecodeJpeg's errors are InvalidArgument, which TF Java does not derive from TensorFlowException.
      return Optional.of(firstLine(e.getMessage()));
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).strip();
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
