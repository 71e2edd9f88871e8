package org.rigl.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rigl.core.mask.MaskRegistry;
import org.rigl.models.layers.VariableInfo;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * Every network by name, configured from {@link ModelFlags} with the reference scripts' defaults:
 * {@code mnist_fc} ({@code mnist_train_eval.py}), {@code resnet18..200}, {@code mobilenet_v1},
 * {@code mobilenet_v2}, {@code vgg_a/16/19} ({@code imagenet_train_eval.py}, always built with
 * masked layers as that script does) and {@code wrn_16_4} ({@code resnet_train_eval.py}).
 */
public final class ModelZoo {
  private static final Map<String, Function<ModelFlags, NetworkFactory>> FACTORIES = factories();

  private ModelZoo() {}

  /** The valid model names, in a fixed order. */
  public static List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(FACTORIES.keySet()));
  }

  /** The factory for {@code name} configured by {@code flags}. */
  public static NetworkFactory factory(String name, ModelFlags flags) {
    Function<ModelFlags, NetworkFactory> factory = FACTORIES.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("Unknown model '" + name + "'; valid models: " + String.join(", ", names()));
    }
    return factory.apply(flags);
  }

  /** Builds {@code name} into {@code tf}'s graph. */
  public static Network build(String name, ModelFlags flags, Ops tf, MaskRegistry masks) {
    return factory(name, flags).build(tf, masks);
  }

  /** Every variable {@code name} creates (name, shape, dtype, trainable), without running anything. */
  public static List<VariableInfo> describeVariables(String name, ModelFlags flags) {
    NetworkFactory factory = factory(name, flags);
    try (Graph graph = new Graph()) {
      return factory.build(Ops.create(graph), new MaskRegistry(0)).variableInfos();
    }
  }

  private static Map<String, Function<ModelFlags, NetworkFactory>> factories() {
    Map<String, Function<ModelFlags, NetworkFactory>> map = new LinkedHashMap<>();
    map.put("mnist_fc", ModelZoo::mnist);
    for (int depth : new int[] {18, 34, 50, 101, 152, 200}) {
      map.put("resnet" + depth, flags -> resnet(depth, flags));
    }
    map.put("mobilenet_v1", ModelZoo::mobilenetV1);
    map.put("mobilenet_v2", ModelZoo::mobilenetV2);
    for (String type : new String[] {"vgg_16", "vgg_a", "vgg_19"}) {
      map.put(type, flags -> vgg(type, flags));
    }
    map.put("wrn_16_4", ModelZoo::wideResNet);
    return map;
  }

  private static NetworkFactory mnist(ModelFlags flags) {
    requireFixedWidth("mnist_fc", flags, 1);
    MnistFc.Builder builder = MnistFc.builder().numClasses(flags.numClasses().orElse(10));
    flags.firstLayerSparsity().ifPresent(builder::firstLayerSparsity);
    flags.lastLayerSparsity().ifPresent(builder::lastLayerSparsity);
    return builder;
  }

  private static NetworkFactory resnet(int depth, ModelFlags flags) {
    return withImageNetFlags(ResNet.builder().depth(depth), flags);
  }

  private static NetworkFactory mobilenetV1(ModelFlags flags) {
    return withImageNetFlags(MobileNetV1.builder(), flags);
  }

  private static NetworkFactory mobilenetV2(ModelFlags flags) {
    return withImageNetFlags(MobileNetV2.builder(), flags);
  }

  private static NetworkFactory vgg(String type, ModelFlags flags) {
    return withImageNetFlags(Vgg.builder().type(type), flags);
  }

  private static NetworkFactory wideResNet(ModelFlags flags) {
    requireFixedWidth("wrn_16_4", flags, 4);
    return withLayerFlags(WideResNet.builder().depth(16).width(4), flags, 10);
  }

  /** The width flag (1 when unset), then {@link #withLayerFlags} with 1000 classes. */
  private static <B extends ImageNetBuilder<B>> B withImageNetFlags(B builder, ModelFlags flags) {
    return withLayerFlags(builder.width(flags.width().orElse(1.0)), flags, 1000);
  }

  /** The class count and first/last layer sparsity flags; unset: {@code defaultClasses}, 0 and -1. */
  private static <B extends NetworkBuilder<B>> B withLayerFlags(B builder, ModelFlags flags, int defaultClasses) {
    return builder
        .numClasses(flags.numClasses().orElse(defaultClasses))
        .firstLayerSparsity(flags.firstLayerSparsity().orElse(0))
        .lastLayerSparsity(flags.lastLayerSparsity().orElse(-1));
  }

  private static void requireFixedWidth(String model, ModelFlags flags, int width) {
    if (flags.width().isPresent() && flags.width().getAsDouble() != width) {
      throw new IllegalArgumentException(
          model + " has a fixed width of " + width + "; got width " + flags.width().getAsDouble());
    }
  }
}
