package org.rigl.tools.sparse;

import org.tensorflow.Operand;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * Today's compute: the masked weight as a dense W {@code [in, out]}; backward dX = dY·Wᵀ and the
 * full dW = Xᵀ·dY (the values' gradient is read off dW at the nonzeros).
 */
public final class DenseMatMulRoute implements LayerRoute {
  private final SparseLayerProblem problem;
  private final RouteSession s = new RouteSession();
  private final Operand<TFloat32> y;
  private final Operand<TFloat32> dx;
  private final Operand<TFloat32> dw;

  public DenseMatMulRoute(SparseLayerProblem problem, int intraOpThreads) {
    this.problem = problem;
    try {
      Operand<TFloat32> x = s.floats(problem.x(), problem.batch(), problem.in());
      Operand<TFloat32> w = s.floats(problem.maskedWeights(), problem.in(), problem.out());
      Operand<TFloat32> dy = s.floats(problem.dy(), problem.batch(), problem.out());
      y = s.tf.linalg.matMul(x, w);
      dx = s.tf.linalg.matMul(dy, w, MatMul.transposeB(true));
      dw = s.tf.linalg.matMul(x, dy, MatMul.transposeA(true));
      s.start(intraOpThreads);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void forward() {
    s.run(false, y);
  }

  @Override
  public void backward() {
    s.run(false, dx, dw);
  }

  @Override
  public float[] y() {
    return s.run(true, y)[0];
  }

  @Override
  public float[] dx() {
    return s.run(true, dx)[0];
  }

  @Override
  public float[] dValues() {
    float[] full = s.run(true, dw)[0];
    float[] values = new float[problem.nonzeros()];
    for (int k = 0; k < values.length; k++) {
      values[k] = full[problem.wIndex(k)];
    }
    return values;
  }

  @Override
  public void close() {
    s.close();
  }
}
