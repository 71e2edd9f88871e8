package org.rigl.core.flops;

/** Activations and their per-element cost, from micronet_challenge counting.get_flops_per_activation. */
public enum Activation {
  NONE(0, 0),
  /** Counted as one multiplication (the MicroNet "freebie" 16-bit rule). */
  RELU(1, 0),
  /** x / (1 + exp(-bx)). */
  SWISH(3, 1),
  /** exp(x) / (1 + exp(x)). */
  SIGMOID(2, 1);

  private final int mults;
  private final int adds;

  Activation(int mults, int adds) {
    this.mults = mults;
    this.adds = adds;
  }

  public int mults() {
    return mults;
  }

  public int adds() {
    return adds;
  }
}
