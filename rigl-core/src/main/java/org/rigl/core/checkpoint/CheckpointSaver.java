package org.rigl.core.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rigl.core.io.BundleDataReader;
import org.rigl.core.io.BundleIndexReader;
import org.rigl.core.io.CheckpointIndex;
import org.rigl.core.io.TensorEntry;
import org.tensorflow.Operand;
import org.tensorflow.proto.DataType;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Saves and restores a fixed list of variables in TF's tensor-bundle format under their graph
 * names, which are the reference's TF1 names: the files are what Python's
 * {@code tf.train.Saver} writes and reads ({@code PREFIX.index}, {@code PREFIX.data-00000-of-00001}).
 *
 * <p>Built from TF's own SaveV2/RestoreV2 kernels over an explicit variable list rather than
 * {@code Session.save}, which snapshots whatever variables exist at its first call and cannot
 * restore a subset (masks only, parameters only).
 */
public final class CheckpointSaver {
  private final Ops tf;
  private final Map<String, Variable<?>> variables = new LinkedHashMap<>();
  private final Placeholder<TString> prefix;
  private final Op save;

  public CheckpointSaver(Ops tf, Collection<? extends Variable<?>> toSave) {
    this.tf = tf;
    for (Variable<?> v : toSave) {
      if (variables.put(v.op().name(), v) != null) {
        throw new IllegalArgumentException("variable " + v.op().name() + " listed twice");
      }
    }
    prefix = tf.withName("save_prefix").placeholder(TString.class);
    List<String> names = new ArrayList<>(variables.keySet());
    List<Operand<?>> values = new ArrayList<>(variables.values());
    save =
        tf.train.save(
            prefix,
            tf.constant(StandardCharsets.UTF_8, names.toArray(new String[0])),
            tf.constant(StandardCharsets.UTF_8, names.stream().map(n -> "").toArray(String[]::new)),
            values);
  }

  /** Restores every variable this saver knows whose name passes {@code which}; returns their names. */
  public List<String> restoreWhere(Session session, String checkpointPrefix, java.util.function.Predicate<String> which)
      throws IOException {
    List<String> names = variables.keySet().stream().filter(which).toList();
    restore(session, checkpointPrefix, names);
    return names;
  }

  /** The variables this saver writes, by name, in order. */
  public Map<String, Variable<?>> variables() {
    return variables;
  }

  /** Writes every variable to {@code checkpointPrefix}.index / .data-00000-of-00001. */
  public void save(Session session, String checkpointPrefix) {
    try (TString p = TString.scalarOf(checkpointPrefix)) {
      session.runner().feed(prefix, p).addTarget(save).run();
    }
  }

  /**
   * Restores the named variables from {@code checkpointPrefix} (names as in the checkpoint, which
   * are the variables' names). First checks that every name is there with the variable's dtype and
   * shape and that its bytes match their checksum, so a wrong or damaged checkpoint changes nothing
   * and the error names the file and the tensor (TensorFlow's own messages name neither).
   */
  public void restore(Session session, String checkpointPrefix, Collection<String> names) throws IOException {
    if (names.isEmpty()) {
      return;
    }
    CheckpointIndex index = BundleIndexReader.read(Path.of(checkpointPrefix));
    for (String name : names) {
      Variable<?> v = variables.get(name);
      if (v == null) {
        throw new IllegalArgumentException("no variable named " + name + " in this graph");
      }
      TensorEntry entry = index.find(name).orElseThrow(() -> new IllegalArgumentException(
          "checkpoint " + index.indexFile() + " has no tensor '" + name + "' (the model needs it)"));
      DataType modelType = valueType(v.asOutput().dataType());
      if (!Arrays.equals(entry.shape(), v.shape().asArray()) || entry.dtype() != modelType) {
        throw new IllegalArgumentException(String.format(
            "tensor '%s' is %s %s in checkpoint %s but %s %s in the model",
            name, entry.dtype(), Arrays.toString(entry.shape()), index.indexFile(), modelType,
            Arrays.toString(v.shape().asArray())));
      }
    }
    try (BundleDataReader data = BundleDataReader.open(index)) {
      for (String name : names) {
        data.verify(name);
      }
    }
    List<String> list = new ArrayList<>(names);
    List<Class<? extends TType>> types = new ArrayList<>();
    for (String name : list) {
      Variable<?> v = variables.get(name);
      if (v == null) {
        throw new IllegalArgumentException("no variable named " + name + " in this graph");
      }
      types.add(v.type());
    }
    Placeholder<TString> restorePrefix = tf.placeholder(TString.class);
    var restored =
        tf.train.restore(
            restorePrefix,
            tf.constant(StandardCharsets.UTF_8, list.toArray(new String[0])),
            tf.constant(StandardCharsets.UTF_8, list.stream().map(n -> "").toArray(String[]::new)),
            types);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      assigns.add(assign(variables.get(list.get(i)), restored.tensors().get(i)));
    }
    Op all = tf.withControlDependencies(assigns).noOp();
    try (TString p = TString.scalarOf(checkpointPrefix)) {
      session.runner().feed(restorePrefix, p).addTarget(all).run();
    }
  }

  /** A ref variable's output type (DT_FLOAT_REF) is its value type (DT_FLOAT) plus 100. */
  private static DataType valueType(DataType type) {
    return type.getNumber() > 100 ? DataType.forNumber(type.getNumber() - 100) : type;
  }

  @SuppressWarnings("unchecked")
  private <T extends TType> Op assign(Variable<T> variable, Operand<?> value) {
    return tf.assign(variable, (Operand<T>) value);
  }
}
