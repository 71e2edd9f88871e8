package org.rigl.models;

import org.rigl.models.layers.InitMethod;

/**
 * An {@link ImageNetBuilder} whose masked layers also follow {@code --init_method} and
 * {@code --end_sparsity}: ResNet's and VGG's.
 */
public abstract class InitMethodBuilder<B extends InitMethodBuilder<B>> extends ImageNetBuilder<B> {
  InitMethod initMethod = InitMethod.BASELINE;
  double endSparsity = 0;

  InitMethodBuilder() {}

  /** {@code --init_method}: 'baseline' or 'sparse' (see {@link InitMethod}). */
  public B initMethod(String method) {
    initMethod = InitMethod.parse(method);
    return self();
  }

  /** {@code --end_sparsity}, used only by {@code init_method='sparse'}. */
  public B endSparsity(double sparsity) {
    endSparsity = sparsity;
    return self();
  }
}
