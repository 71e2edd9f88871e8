package org.rigl.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.exceptions.TFOutOfRangeException;

/** The one line {@code rigl: error:} prints for an exception. */
class RiglErrorLineTest {
  @Test
  void keepsTheFirstLineOfTensorFlowsMessages() {
    assertEquals("Checksum mismatch", Rigl.firstLine(new IllegalStateException(" Checksum mismatch\n\t [[{{node save}}]]")));
    assertEquals("NullPointerException", Rigl.firstLine(new NullPointerException()));
  }

  @Test
  void saysThatAnInputRanOutInsteadOfEndOfSequence() {
    assertEquals(
        "an input ran out of records before the run ended (TensorFlow: End of sequence)",
        Rigl.firstLine(new TFOutOfRangeException("End of sequence\n\t [[{{node input/IteratorGetNext}}]]")));
  }

  @Test
  void saysWhatADecodingErrorMeans() {
    assertEquals("a text input is not valid UTF-8 (Input length = 1)",
        Rigl.firstLine(new java.nio.charset.MalformedInputException(1)));
  }
}
