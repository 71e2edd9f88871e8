package org.rigl.imagenet.data;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.OpDef.ArgDef;
import org.tensorflow.types.family.TType;

/**
 * A graph function over one dataset element, for the {@code f} attribute of tf.data ops such as
 * {@code ParallelMapDatasetV2}.
 *
 * <p>TF Java builds functions from a {@link Signature}, whose inputs and outputs are named maps;
 * tf.data passes element components by position. The function is checked to take and return its
 * components in the given order, so a reordering inside TF Java fails loudly instead of silently
 * swapping tensors. Functions cannot return datasets (TF Java has no Java type for DT_VARIANT), so
 * interleaving over files is done in the outer graph (see {@link ShardInterleave}).
 */
public final class ElementFunction {
  private ElementFunction() {}

  /** The body: given the element's components (in order), returns the output components. */
  @FunctionalInterface
  public interface Body {
    List<Operand<?>> apply(Ops tf, List<Operand<?>> components);
  }

  /** Builds the function; the caller attaches it to an op, after which it may be closed. */
  public static ConcreteFunction create(
      List<Class<? extends TType>> inputTypes, List<Shape> inputShapes, Body body) {
    List<Class<? extends TType>> outputTypes = new ArrayList<>();
    ConcreteFunction function =
        ConcreteFunction.create(
            tf -> {
              Signature.Builder signature = Signature.builder();
              List<Operand<?>> inputs = new ArrayList<>();
              for (int i = 0; i < inputTypes.size(); i++) {
                Operand<?> input =
                    tf.withName("component_" + i)
                        .placeholder(inputTypes.get(i), Placeholder.shape(inputShapes.get(i)));
                inputs.add(input);
                signature.input("component_" + i, input);
              }
              List<Operand<?>> outputs = body.apply(tf, inputs);
              for (int i = 0; i < outputs.size(); i++) {
                signature.output("output_" + i, outputs.get(i));
                outputTypes.add(outputs.get(i).type());
              }
              return signature.build();
            });
    checkOrder(function, inputTypes, outputTypes);
    return function;
  }

  private static void checkOrder(
      ConcreteFunction function,
      List<Class<? extends TType>> inputTypes,
      List<Class<? extends TType>> outputTypes) {
    var signature = function.getFunctionDef().getSignature();
    if (!sameTypes(signature.getInputArgList(), inputTypes)
        || !sameTypes(signature.getOutputArgList(), outputTypes)) {
      function.close();
      throw new IllegalStateException(
          "TF Java reordered the arguments of a dataset function: " + signature);
    }
  }

  private static boolean sameTypes(List<ArgDef> args, List<Class<? extends TType>> types) {
    if (args.size() != types.size()) {
      return false;
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).getType() != DataTypes.of(types.get(i))) {
        return false;
      }
    }
    return true;
  }
}
