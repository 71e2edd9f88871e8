package org.rigl.core.update;

import java.util.List;

/**
 * How a driver's command line differs in what {@link SparseTrainingConfig#validate} accepts: the
 * training methods it offers (in the order its error lists them), whether masks may come from
 * {@code --load_mask_dir} instead of {@code --mask_init_method} (and whether {@code scratch} must
 * take them from there), and the names of the flags behind the pruning schedule.
 *
 * @param pruneStepsNote appended to the pruning-steps error, e.g. how the steps were scaled
 */
public record SparseTrainingRules(
    List<TrainingMethod> methods,
    boolean loadsMasks,
    boolean scratchNeedsLoadedMasks,
    String pruneBeginFlag,
    String pruneEndFlag,
    String pruningFrequencyFlag,
    String pruneStepsNote) {

  /** Accepts {@code methods}; masks only from {@code --mask_init_method}; MNIST's pruning flags. */
  public static SparseTrainingRules of(List<TrainingMethod> methods) {
    return new SparseTrainingRules(methods, false, false, "--prune_begin_step", "--prune_end_step", "--pruning_frequency", "");
  }

  /** Also accepts {@code --load_mask_dir}; {@code scratchNeedsThem}: scratch gets no random masks. */
  public SparseTrainingRules withLoadedMasks(boolean scratchNeedsThem) {
    return new SparseTrainingRules(methods, true, scratchNeedsThem, pruneBeginFlag, pruneEndFlag, pruningFrequencyFlag,
        pruneStepsNote);
  }

  /** The flags that set the pruning schedule, named in its errors. */
  public SparseTrainingRules withPruneFlags(String begin, String end, String frequency, String note) {
    return new SparseTrainingRules(methods, loadsMasks, scratchNeedsLoadedMasks, begin, end, frequency, note);
  }
}
