package org.rigl.core.flops;

/**
 * Port of micronet_challenge counting.count_ops for the parameterised ops. Sparsity thins the kernel's dot
 * products; activations and biases stay dense. The order of floating-point operations follows the reference.
 */
public final class OpCounter {

  private OpCounter() {}

  /** counting.count_ops: parameter bits, multiplications and additions of {@code op} at {@code sparsity}. */
  public static OpCount countOps(CountedOp op, double sparsity, int paramBits) {
    // A pattern-matching switch would need Java 21.
    if (op instanceof Conv2D c) {
      return countConv(c.inputSize(), c.kernelShape(), c.stride(), c.padding(), c.useBias(), c.activation(),
          sparsity, paramBits);
    }
    if (op instanceof DepthwiseConv2D d) {
      return countDepthwise(d, sparsity, paramBits);
    }
    if (op instanceof FullyConnected f) {
      return countFullyConnected(f, sparsity, paramBits);
    }
    throw new IllegalArgumentException("Encountered unknown operation " + op);
  }

  /**
   * counting.get_sparse_size: {@code n * bits * (1 - sparsity)}, plus one mask bit per element when sparse.
   */
  public static double sparseSizeBits(long numElements, int paramBits, double sparsity) {
    double bits = (double) (numElements * paramBits) * (1 - sparsity);
    if (sparsity > 0) {
      bits += numElements;
    }
    return bits;
  }

  private static OpCount countConv(int inputSize, long[] kernel, int stride, Padding padding, boolean useBias,
      Activation activation, double sparsity, int paramBits) {
    long k = kernel[0];
    long cIn = kernel[2];
    long cOut = kernel[3];
    double paramCount = sparseSizeBits(k * k * cIn * cOut, paramBits, sparsity);
    // Each output element is a dot product of the flattened (sparse) kernel with an image patch.
    double vectorLength = (double) (k * k * cIn) * (1 - sparsity);
    long outSize = padding.outputSize(inputSize, k, stride);
    long nOutput = outSize * outSize * cOut;
    return finish(paramCount, vectorLength, nOutput, cOut, useBias, activation, paramBits);
  }

  private static OpCount countDepthwise(DepthwiseConv2D op, double sparsity, int paramBits) {
    long[] kernel = op.kernelShape();
    long k = kernel[0];
    long channels = kernel[2];
    double paramCount = sparseSizeBits(k * k * channels, paramBits, sparsity);
    double vectorLength = (double) (k * k) * (1 - sparsity);
    long outSize = op.padding().outputSize(op.inputSize(), k, op.stride());
    long nOutput = outSize * outSize * channels;
    return finish(paramCount, vectorLength, nOutput, channels, op.useBias(), op.activation(), paramBits);
  }

  private static OpCount countFullyConnected(FullyConnected op, double sparsity, int paramBits) {
    long[] kernel = op.kernelShape();
    long cIn = kernel[0];
    long cOut = kernel[1];
    double paramCount = sparseSizeBits(cIn * cOut, paramBits, sparsity);
    double nonZerosPerOutput = cIn * (1 - sparsity);
    return finish(paramCount, nonZerosPerOutput, cOut, cOut, op.useBias(), op.activation(), paramBits);
  }

  /**
   * A dot product of length n costs n multiplications and n - 1 additions per output element; a bias adds one
   * addition per output element and {@code biasSize * paramBits} bits.
   */
  private static OpCount finish(double paramCount, double vectorLength, long nOutput, long biasSize,
      boolean useBias, Activation activation, int paramBits) {
    double mults = vectorLength * nOutput;
    double adds = (vectorLength - 1) * nOutput;
    if (useBias) {
      paramCount += biasSize * paramBits;
      adds += nOutput;
    }
    mults += (long) activation.mults() * nOutput;
    adds += (long) activation.adds() * nOutput;
    return new OpCount(paramCount, mults, adds);
  }
}
