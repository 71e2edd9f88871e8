package org.rigl.core.graph;

import java.lang.reflect.Method;
import org.tensorflow.Graph;
import org.tensorflow.internal.c_api.TF_Graph;

/**
 * The C API handle behind a TF Java {@link Graph}, for the few C calls TF Java 1.1.0 does not wrap
 * (a session with a remote target, an import with input mappings). The library keeps the handle
 * behind a package-private reference; it is reached by reflection (its jars are on the class path,
 * an unnamed module) and held only for the duration of {@code use}, so the graph cannot be closed
 * underneath it.
 */
public final class NativeGraphs {
  private NativeGraphs() {}

  /** What to do with the handle. */
  @FunctionalInterface
  public interface HandleUse<R> {
    R apply(TF_Graph handle) throws Exception;
  }

  /** Runs {@code use} with {@code graph}'s native handle, which stays valid until it returns. */
  public static <R> R withHandle(Graph graph, HandleUse<R> use) {
    AutoCloseable reference;
    TF_Graph handle;
    try {
      Method ref = Graph.class.getDeclaredMethod("ref");
      ref.setAccessible(true);
      reference = (AutoCloseable) ref.invoke(graph);
      Method nativeHandle = reference.getClass().getDeclaredMethod("nativeHandle");
      nativeHandle.setAccessible(true);
      handle = (TF_Graph) nativeHandle.invoke(reference);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("this TensorFlow Java does not expose Graph.ref().nativeHandle() as 1.1.0 does", e);
    }
    try (AutoCloseable held = reference) {
      return use.apply(handle);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
