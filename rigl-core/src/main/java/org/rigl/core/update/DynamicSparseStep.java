package org.rigl.core.update;

import java.util.ArrayList;
import java.util.List;
import org.rigl.core.graph.GraphCond;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskedWeights;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.WeightOptimizer;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Wraps an optimizer with a dynamic sparse method (SET, RigL, SNFS, Static): port of
 * {@code SparseSETOptimizerBase} / {@code SparseRigLOptimizerBase.apply_gradients}.
 *
 * <p>RigL: {@code cond(is_update(gs), update masks, apply gradients and gs += 1)}. The others:
 * method's pre-step ops, apply gradients, gs += 1, then {@code cond(is_update(gs), update masks)}
 * with the incremented step. An update sets {@code last_mask_update_step} to gs.
 */
public record DynamicSparseStep(
    WeightOptimizer optimizer,
    DynamicMethod method,
    UpdateSchedule schedule,
    DropFractionSchedule dropFraction,
    GrowInit growInit,
    long seedOffset)
    implements StepBuilder {

  /**
   * The step from precomputed {@code gradients} (e.g. the towers' average): one optimizer step
   * and one mask update, both reading these values.
   */
  @Override
  public TrainStep build(
      Ops tf, Gradients gradients, MaskRegistry masks, Variable<TInt64> globalStep, GradientTransform transform) {
    List<MaskedWeights> layers = masks.layers();
    List<GradientAndVariable> toApply = transform.apply(tf, gradients.variableGradients());
    List<Variable<TFloat32>> trained = gradients.variableGradients().stream().map(g -> g.variable()).toList();
    optimizer.createSlots(tf, trained);
    Variable<TInt64> lastUpdate = tf.withName("last_mask_update_step").variable(tf.constant(-schedule.frequency()));
    List<Op> beforeStep = method.prepare(tf, layers, gradients);

    if (method.skipsWeightStepOnUpdate()) {
      Operand<TBool> isUpdate = schedule.isUpdate(tf, globalStep, lastUpdate);
      Operand<TFloat32> fraction = dropFraction.build(tf, globalStep, isUpdate);
      Op step =
          GraphCond.cond(
              tf,
              isUpdate,
              t -> updateAll(t, globalStep, fraction, gradients, layers, lastUpdate),
              f -> {
                Ops after = beforeStep.isEmpty() ? f : f.withControlDependencies(beforeStep);
                List<Op> applied = optimizer.applyGradients(after, toApply);
                return List.of(f.withControlDependencies(applied).assignAdd(globalStep, f.constant(1L)));
              },
              "sparse_step");
      return new TrainStep(step, fraction, isUpdate, gradients);
    }
    Ops pre = beforeStep.isEmpty() ? tf : tf.withControlDependencies(beforeStep);
    List<Op> applied = optimizer.applyGradients(pre, toApply);
    Operand<TInt64> stepAfter = tf.withControlDependencies(applied).assignAdd(globalStep, tf.constant(1L));
    Operand<TBool> isUpdate = schedule.isUpdate(tf, stepAfter, lastUpdate);
    Operand<TFloat32> fraction = dropFraction.build(tf, stepAfter, isUpdate);
    Op step =
        GraphCond.cond(
            tf,
            isUpdate,
            t -> updateAll(t, stepAfter, fraction, gradients, layers, lastUpdate),
            f -> List.of(),
            "mask_update");
    return new TrainStep(step, fraction, isUpdate, gradients);
  }

  private List<Op> updateAll(
      Ops tf,
      Operand<TInt64> globalStep,
      Operand<TFloat32> fraction,
      Gradients gradients,
      List<MaskedWeights> layers,
      Variable<TInt64> lastUpdate) {
    UpdateContext ctx =
        new UpdateContext(tf, globalStep, fraction, gradients, optimizer, seedOffset);
    List<Op> updates = new ArrayList<>();
    for (MaskedWeights layer : layers) {
      updates.add(MaskUpdateKernel.update(ctx, layer, method, growInit));
    }
    // A layer computed over its nonzeros re-reads its positions from the new mask, once every op of
    // this step that reads the old ones (its products' backward) is done.
    List<Op> afterUpdates = new ArrayList<>(updates);
    gradients.variableGradients().forEach(g -> afterUpdates.add(g.gradient()));
    Ops rebuild = tf.withControlDependencies(afterUpdates);
    List<Op> done = new ArrayList<>(updates);
    gradients.sparseLayerGradients().values().forEach(l -> done.add(l.indices().rebuild(rebuild)));
    return List.of(tf.withControlDependencies(done).assign(lastUpdate, globalStep));
  }
}
