package org.rigl.tools.sparse;

/**
 * One way to compute a layer {@code Y = X·W} and its backward (dX and the gradient of W's
 * nonzeros), live in its own session. The results come back in the dense layouts
 * ({@code [batch, out]}, {@code [batch, in]}, one value per nonzero) so routes can be compared.
 */
public interface LayerRoute extends AutoCloseable {
  /** Runs the forward product once, for timing. */
  void forward();

  /** Runs the backward products once, for timing. */
  void backward();

  float[] y();

  float[] dx();

  /** The gradient of the loss with respect to each nonzero value, in the problem's order. */
  float[] dValues();

  @Override
  void close();
}
