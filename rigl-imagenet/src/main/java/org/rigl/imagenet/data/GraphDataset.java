package org.rigl.imagenet.data;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.data.DirectedInterleaveDataset;
import org.tensorflow.op.data.ParallelMapDataset;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A tf.data dataset in a graph: its variant tensor plus the element's component types and shapes,
 * with the transformations the input pipelines need.
 *
 * <p>Written over the raw dataset ops because TF Java 1.1.0's own {@code Dataset} class has no
 * parallel map, shuffle or interleave, and two of its generated wrappers do not work:
 * {@code TFRecordDatasetV2} (see {@link TfRecordDatasetV1}) and {@code ShuffleDatasetV3}, which
 * needs a seed-generator resource; the V1 {@code ShuffleDataset} op is built by hand instead.
 */
public final class GraphDataset {
  /** {@code tf.data.AUTOTUNE}. */
  public static final long AUTOTUNE = -1;

  private final Ops tf;
  private final Operand<? extends TType> variant;
  private final List<Class<? extends TType>> types;
  private final List<Shape> shapes;

  public GraphDataset(
      Ops tf, Operand<? extends TType> variant, List<Class<? extends TType>> types, List<Shape> shapes) {
    if (types.size() != shapes.size()) {
      throw new IllegalArgumentException(types.size() + " types but " + shapes.size() + " shapes");
    }
    this.tf = tf;
    this.variant = variant;
    this.types = List.copyOf(types);
    this.shapes = List.copyOf(shapes);
  }

  public Operand<? extends TType> variant() {
    return variant;
  }

  public List<Class<? extends TType>> types() {
    return types;
  }

  public List<Shape> shapes() {
    return shapes;
  }

  /** The scalars {@code start, start + 1, ...} (int64), without end. */
  public static GraphDataset counter(Ops tf) {
    return new GraphDataset(
        tf,
        tf.data.rangeDataset(
            tf.constant(0L), tf.constant(Long.MAX_VALUE), tf.constant(1L), List.of(TInt64.class), List.of(Shape.scalar())),
        List.of(TInt64.class),
        List.of(Shape.scalar()));
  }

  /** Leaves out the first {@code count} elements (read, not transformed further); 0 leaves all. */
  public GraphDataset skip(Operand<TInt64> count) {
    return with(tf.data.skipDataset(variant, count, types, shapes));
  }

  /** Repeats without end. */
  public GraphDataset repeat() {
    return with(tf.data.repeatDataset(variant, tf.constant(-1L), types, shapes));
  }

  /** Repeats without end when {@code forever}, else returns this dataset. */
  public GraphDataset repeatIf(boolean forever) {
    return forever ? repeat() : this;
  }

  /** A seeded shuffle through a buffer of {@code bufferSize} elements (V1 {@code ShuffleDataset}). */
  public GraphDataset shuffle(long bufferSize, long seed) {
    Graph graph = (Graph) tf.scope().env();
    var op =
        graph
            .opBuilder("ShuffleDataset", tf.scope().makeOpName("ShuffleDataset"), tf.scope())
            .addInput(variant.asOutput())
            .addInput(tf.constant(bufferSize).asOutput())
            .addInput(tf.constant(seed).asOutput())
            // A second seed derived from the first: TF treats (0, 0) as "unseeded".
            .addInput(tf.constant(seed ^ 0x5DEECE66DL).asOutput())
            .setAttr("reshuffle_each_iteration", true)
            .setAttr("output_types", DataTypes.of(types))
            .setAttr("output_shapes", shapes.toArray(Shape[]::new))
            .build();
    return with(op.output(0));
  }

  /** Elements of this dataset and {@code other} side by side, ending with the shorter. */
  public GraphDataset zip(GraphDataset other) {
    List<Class<? extends TType>> zippedTypes = new ArrayList<>(types);
    zippedTypes.addAll(other.types);
    List<Shape> zippedShapes = new ArrayList<>(shapes);
    zippedShapes.addAll(other.shapes);
    return new GraphDataset(
        tf, tf.data.zipDataset(List.of(variant, other.variant), zippedTypes, zippedShapes), zippedTypes, zippedShapes);
  }

  /** This dataset's elements followed by {@code next}'s. */
  public GraphDataset concatenate(GraphDataset next) {
    return with(tf.data.concatenateDataset(variant, next.variant, types, shapes));
  }

  /**
   * Round-robin over {@code inputs}, one element at a time, skipping inputs that have ended: the
   * deterministic form of {@code interleave(cycle_length=inputs.size(), block_length=1)}.
   */
  public static GraphDataset roundRobin(Ops tf, List<GraphDataset> inputs) {
    GraphDataset first = inputs.get(0);
    var laneIndices =
        tf.data.rangeDataset(
            tf.constant(0L), tf.constant((long) inputs.size()), tf.constant(1L), List.of(TInt64.class), List.of(Shape.scalar()));
    var selector = tf.data.repeatDataset(laneIndices, tf.constant(-1L), List.of(TInt64.class), List.of(Shape.scalar()));
    List<Operand<? extends TType>> variants = new ArrayList<>();
    inputs.forEach(input -> variants.add(input.variant));
    return first.with(
        tf.data.directedInterleaveDataset(
            selector, variants, first.types, first.shapes, DirectedInterleaveDataset.stopOnEmptyDataset(false)));
  }

  /**
   * Applies {@code body} to every element on {@code parallelism} threads, keeping the order.
   * {@code outputTypes} and {@code outputShapes} describe what the body returns.
   */
  public GraphDataset map(
      long parallelism,
      List<Class<? extends TType>> outputTypes,
      List<Shape> outputShapes,
      ElementFunction.Body body) {
    try (ConcreteFunction function = ElementFunction.create(types, shapes, body)) {
      var mapped =
          tf.data.parallelMapDataset(
              variant,
              List.of(),
              tf.constant(parallelism),
              function,
              outputTypes,
              outputShapes,
              ParallelMapDataset.deterministic("true"));
      return new GraphDataset(tf, mapped, outputTypes, outputShapes);
    }
  }

  /** Batches of {@code batchSize}; with {@code dropRemainder} every batch is full. */
  public GraphDataset batch(long batchSize, boolean dropRemainder) {
    List<Shape> batchedShapes = new ArrayList<>();
    for (Shape shape : shapes) {
      batchedShapes.add(Shape.of(dropRemainder ? batchSize : Shape.UNKNOWN_SIZE).append(shape));
    }
    var batched =
        tf.data.batchDataset(variant, tf.constant(batchSize), tf.constant(dropRemainder), types, batchedShapes);
    return new GraphDataset(tf, batched, types, batchedShapes);
  }

  /** Prefetches {@code bufferSize} elements ({@link #AUTOTUNE} lets tf.data choose). */
  public GraphDataset prefetch(long bufferSize) {
    return with(tf.data.prefetchDataset(variant, tf.constant(bufferSize), types, shapes));
  }

  /**
   * A named iterator over this dataset. The name is the iterator's shared name: an anonymous
   * iterator would be recreated on every session run.
   */
  public DatasetIterator iterator(String sharedName) {
    var iterator = tf.data.iterator(sharedName, "", types, shapes);
    var initializer = tf.data.makeIterator(variant, iterator);
    var next = tf.data.iteratorGetNext(iterator, types, shapes);
    return new DatasetIterator(initializer, next.components(), next.op().name());
  }

  private GraphDataset with(Operand<? extends TType> newVariant) {
    return new GraphDataset(tf, newVariant, types, shapes);
  }
}
