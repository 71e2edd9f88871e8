package org.rigl.lm.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rigl.core.checkpoint.CheckpointManager;
import org.rigl.core.checkpoint.CheckpointSaver;
import org.rigl.core.checkpoint.GraphVariables;
import org.rigl.core.checkpoint.RestoredStateCheck;
import org.rigl.core.checkpoint.RunDescription;
import org.rigl.core.graph.ScopedNames;
import org.rigl.core.io.BundleIndexReader;
import org.rigl.core.io.CheckpointIndex;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.core.mask.MaskStatistics;
import org.rigl.core.sparse.SparseCompute;
import org.rigl.core.sparse.SparseComputeMode;
import org.rigl.core.train.AdamOptimizer;
import org.rigl.core.train.ClipByGlobalNorm;
import org.rigl.core.train.GlobalStep;
import org.rigl.core.train.GradientAndVariable;
import org.rigl.core.train.GradientTransform;
import org.rigl.core.train.Gradients;
import org.rigl.core.train.SummaryWriter;
import org.rigl.core.train.TrainStep;
import org.rigl.core.train.loop.NonFiniteCheck;
import org.rigl.core.train.loop.StepResult;
import org.rigl.core.train.loop.TrainingSession;
import org.rigl.core.update.SparseTrainingConfig;
import org.rigl.lm.data.Batch;
import org.rigl.lm.data.ByteCorpus;
import org.rigl.lm.data.TrainBatches;
import org.rigl.lm.model.CharGruModel;
import org.rigl.lm.model.LmGraph;
import org.rigl.lm.model.StatefulRunner;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The training graph of the character model in a live session: model, loss, Adam, gradient
 * clipping, the sparse method's step, checkpointing of every variable and (optionally) TensorBoard
 * summaries. The GRU state is carried between {@link #step} calls. Given its training batches, it
 * reads them itself and records in each checkpoint how many it has read.
 */
public final class LmSession implements TrainingSession {
  private static final double LN2 = Math.log(2);

  private final Graph graph = new Graph();
  private final Session session;
  private final Ops tf = Ops.create(graph);
  private final MaskRegistry masks;
  private final LmGraph lm;
  private final Variable<TInt64> globalStep;
  private final TrainStep step;
  private final Op initMasks;
  /** Re-reads the nonzeros of every layer computed over them (null: none is), after masks are set or restored. */
  private final Op rebuildIndices;
  private final SparseCompute compute;
  private final Operand<TInt64> globalStepAfter;
  private final NonFiniteCheck finite;
  private final Variable<TInt64> batchesConsumed;
  private final Placeholder<TInt64> batchesConsumedValue;
  private final Op setBatchesConsumed;
  /** The GRU state carried into the next batch, saved with the checkpoint so a resume continues it exactly. */
  private final List<Variable<TFloat32>> carriedStates = new ArrayList<>();
  private final List<Placeholder<TFloat32>> carriedStateValues = new ArrayList<>();
  private final List<Op> setCarriedStates = new ArrayList<>();
  private final int trainBatchSize;
  private final CheckpointSaver saver;
  private final SummaryWriter summaries;
  private final StatefulRunner runner;
  private final List<Integer> units = new ArrayList<>();
  /** The training batches {@link #step(boolean)} reads, or null for a caller that feeds its own. */
  private final TrainBatches batches;
  private long consumed;
  private final SparseTrainingConfig sparse;
  private final Path outputDir;

  /** Builds the graph; {@code summaryDir} null writes no summaries. Creates no files otherwise. */
  public LmSession(LmTrainOptions o, Path summaryDir) {
    this(o, summaryDir, null);
  }

  /** A session that reads its training batches from {@code batches}, at the position its checkpoint recorded. */
  public LmSession(LmTrainOptions o, Path summaryDir, TrainBatches batches) {
    this.batches = batches;
    this.sparse = o.sparse();
    this.outputDir = o.outputDir();
    session = new Session(graph, SessionConfig.withoutGrappler(o.compute()));
    masks = new MaskRegistry(o.sparse().seed());
    CharGruModel model = new CharGruModel(tf, masks, o.config());
    model.layers().forEach(l -> units.add(l.units()));
    // Over nonzeros only where kernels keep their counts of nonzeros (dynamic methods; the options refuse others).
    compute = o.sparse().method().isDynamic() && o.compute().sparseCompute() != SparseComputeMode.MASKED
        ? SparseCompute.of(o.compute().sparseCompute(), o.sparse().sparsities(masks), o.trainBatchSize(),
            o.compute().kernelThreads())
        : SparseCompute.masked();
    lm = new LmGraph(tf, model, o.seqLen(), compute, o.trainBatchSize());
    globalStep = GlobalStep.create(tf);
    AdamOptimizer adam = new AdamOptimizer(tf.constant((float) o.learningRate()));
    GradientTransform clip = o.clipGradientNorm() > 0 ? new ClipByGlobalNorm(o.clipGradientNorm()) : GradientTransform.identity();
    step = o.sparse().buildStep(tf, adam, Gradients.compute(graph, lm.loss, masks.layers(), model.unmaskedTrainables(), compute), masks, globalStep, clip);
    initMasks = o.sparse().maskInit(tf, masks).orElse(null);
    rebuildIndices = compute.any() ? compute.rebuildIndices(tf) : null;
    Ops after = tf.withControlDependencies(List.of(step.trainOp()));
    globalStepAfter = after.identity(globalStep);
    // Where the input stream stands, saved with the checkpoint so that a resumed run continues it.
    batchesConsumed = ScopedNames.variable(tf, "input/batches_consumed", tf.constant(0L));
    batchesConsumedValue = tf.placeholder(TInt64.class);
    setBatchesConsumed = tf.assign(batchesConsumed, batchesConsumedValue);
    trainBatchSize = o.trainBatchSize();
    for (int i = 0; i < units.size(); i++) {
      Shape shape = Shape.of(trainBatchSize, units.get(i));
      Variable<TFloat32> state = ScopedNames.variable(tf, carriedStateName(i), tf.zeros(tf.constant(shape), TFloat32.class));
      Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
      carriedStates.add(state);
      carriedStateValues.add(value);
      setCarriedStates.add(tf.assign(state, value));
    }
    summaries = summaryDir == null ? null : trainSummaries(after, summaryDir, o);
    finite = NonFiniteCheck.afterStep(tf, graph, List.of(step.trainOp()), lm.loss, step.gradients());
    saver = new CheckpointSaver(tf, GraphVariables.all(graph));
    runner = new StatefulRunner(session, lm, units);
    rebuildIndices();
    if (summaries != null) {
      summaries.open(session);
    }
  }

  private SummaryWriter trainSummaries(Ops after, Path dir, LmTrainOptions o) {
    SummaryWriter writer = new SummaryWriter(tf, dir, globalStepAfter);
    List<Operand<TFloat32>> gradients = step.gradients().variableGradients().stream().map(GradientAndVariable::gradient).toList();
    Operand<TFloat32> sparsity = MaskStatistics.globalSparsity(after, masks);
    return writer
        .scalar("loss", lm.loss)
        .scalar("bits_per_char", tf.math.div(lm.loss, tf.constant((float) LN2)))
        .scalar("learning_rate", tf.constant((float) o.learningRate()))
        .scalar("drop_fraction", step.dropFraction())
        .scalar("gradient_global_norm", ClipByGlobalNorm.globalNorm(tf, gradients))
        .scalar("sparsity", sparsity);
  }

  /** Assigns the method's initial random masks (a fresh start; methods that start dense keep ones). */
  @Override
  public void initialiseFresh() {
    if (initMasks != null) {
      session.run(initMasks);
    }
    rebuildIndices();
    if (batches != null) {
      try {
        RunDescription.of(sparse).write(outputDir);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Points the layers computed over their nonzeros at the masks as they now are (none: nothing runs). */
  private void rebuildIndices() {
    if (rebuildIndices != null) {
      session.run(rebuildIndices);
    }
  }

  /** {@code input/carried_state_I}: layer I's GRU state carried into the next training batch. */
  static String carriedStateName(int layer) {
    return "input/carried_state_" + layer;
  }

  /**
   * Restores every variable, input position and carried GRU state included, from a checkpoint
   * prefix. A checkpoint without the carried state (or with another batch size) resumes from zeros.
   */
  @Override
  public void restore(Path prefix) throws java.io.IOException {
    RunDescription.of(sparse).requireSameAs(prefix.getParent());
    Map<String, Long> ones = RestoredStateCheck.check(prefix, GraphVariables.masksOnly());
    if (sparse.method().isDynamic() && initMasks != null) {
      session.run(initMasks);
      RestoredStateCheck.requireCounts(prefix, ones, RestoredStateCheck.onesOf(session, masks));
    }
    CheckpointIndex index = BundleIndexReader.read(prefix);
    List<String> carried = carriedStates.stream().map(v -> v.op().name()).toList();
    boolean hasCarried = carried.stream().allMatch(name -> index.find(name)
        .filter(e -> java.util.Arrays.equals(e.shape(), variableShape(name))).isPresent());
    saver.restoreWhere(session, prefix.toString(), name -> hasCarried || !carried.contains(name));
    rebuildIndices();
    if (!hasCarried) {
      runner.reset();
      return;
    }
    float[][] states = new float[carriedStates.size()][];
    var fetch = session.runner();
    carriedStates.forEach(fetch::fetch);
    try (Result r = fetch.run()) {
      for (int i = 0; i < states.length; i++) {
        states[i] = new float[Math.toIntExact(r.get(i).shape().size())];
        ((TFloat32) r.get(i)).copyTo(DataBuffers.of(states[i], false, false));
      }
    }
    runner.carry(states, trainBatchSize);
  }

  private long[] variableShape(String name) {
    return saver.variables().get(name).shape().asArray();
  }

  /** Reads the input position, where the next batch is taken from. */
  @Override
  public void started() {
    consumed = batchesConsumed();
  }

  @Override
  public long globalStep() {
    return read(globalStep);
  }

  public long batchesConsumed() {
    return read(batchesConsumed);
  }

  private long read(Variable<TInt64> v) {
    try (Result r = session.runner().fetch(v).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  /** One training iteration on the next training batch. */
  @Override
  public StepResult step(boolean summarise) {
    StepResult r = step(batches.batch(consumed), summarise);
    consumed++;
    return r;
  }

  /** One training iteration on {@code batch}, writing summaries too if {@code summarise}. */
  public StepResult step(Batch batch, boolean summarise) {
    List<Op> targets = summarise && summaries != null ? List.of(step.trainOp(), summaries.writeOp()) : List.of(step.trainOp());
    try (Result r = runner.run(batch, List.of(lm.loss, globalStepAfter, finite.tensor()), targets)) {
      return new StepResult(((TFloat32) r.get(0)).getFloat(), ((TInt64) r.get(1)).getLong(), finite.firstNonFinite(r.get(2), session));
    }
  }

  @Override
  public Optional<String> firstNonFiniteVariable() {
    return finite.firstNonFiniteVariable(session);
  }

  /** Saves a checkpoint at {@code globalStep}, recording the batches read so far. */
  @Override
  public Path save(CheckpointManager checkpoints, long globalStep) throws IOException {
    return save(checkpoints, globalStep, consumed);
  }

  /** Saves a checkpoint at {@code globalStep}, recording that {@code consumed} batches were read. */
  public Path save(CheckpointManager checkpoints, long globalStep, long consumed) throws IOException {
    float[][] carried = runner.carried(trainBatchSize);
    List<Tensor> feeds = new ArrayList<>();
    try {
      TInt64 value = TInt64.scalarOf(consumed);
      feeds.add(value);
      Session.Runner assign = session.runner().feed(batchesConsumedValue, value).addTarget(setBatchesConsumed);
      for (int i = 0; i < carried.length; i++) {
        TFloat32 state = TFloat32.tensorOf(Shape.of(trainBatchSize, units.get(i)), DataBuffers.of(carried[i], true, false));
        feeds.add(state);
        assign.feed(carriedStateValues.get(i), state).addTarget(setCarriedStates.get(i));
      }
      assign.run();
    } finally {
      feeds.forEach(Tensor::close);
    }
    if (summaries != null) {
      summaries.flush(session);
    }
    return checkpoints.save(session, saver, globalStep);
  }

  /** Evaluates the current weights on {@code corpus} (every target once). */
  public EvalResult evaluate(ByteCorpus corpus, String split, int batchSize, String checkpoint) {
    return new LmEvaluator(session, lm, units, masks).evaluate(corpus, split, batchSize, globalStep(), checkpoint);
  }

  public MaskRegistry masks() {
    return masks;
  }

  /** How this session's masked layers multiply. */
  public SparseCompute compute() {
    return compute;
  }

  public Session session() {
    return session;
  }

  /** Bits per character of a loss in nats. */
  public static double bitsPerChar(float loss) {
    return loss / LN2;
  }

  @Override
  public void close() {
    if (summaries != null) {
      summaries.flush(session);
    }
    session.close();
    graph.close();
  }
}
