package org.rigl.core.distributed;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.rigl.core.graph.NativeGraphs;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Server;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * A {@code worker} job over TensorFlow's own distributed runtime: {@link #server} starts one
 * task's gRPC server, {@link #session} opens a client session on a task's master, which runs a graph
 * whose ops are placed on {@code /job:worker/task:i} (in-graph replication: one client, one copy of
 * the variables).
 */
public final class WorkerCluster {
  public static final String JOB = "worker";
  /** Servers started by this JVM, by "hosts/task": they cannot be stopped, so each is started once. */
  private static final Map<String, Server> SERVING = new ConcurrentHashMap<>();
  private final List<String> hosts;

  /** {@code hosts}: "host:port" of task 0, 1, ... */
  public WorkerCluster(List<String> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one worker");
    }
    this.hosts = List.copyOf(hosts);
  }

  public int size() {
    return hosts.size();
  }

  public ClusterDef clusterDef() {
    JobDef.Builder job = JobDef.newBuilder().setName(JOB);
    for (int i = 0; i < hosts.size(); i++) {
      job.putTasks(i, hosts.get(i));
    }
    return ClusterDef.newBuilder().addJob(job).build();
  }

  /** The started gRPC server of task {@code taskIndex}. */
  public Server server(int taskIndex) {
    Server server = new Server(ServerDef.newBuilder().setCluster(clusterDef()).setJobName(JOB)
        .setTaskIndex(taskIndex).setProtocol("grpc").build());
    server.start();
    return server;
  }

  /** Task {@code taskIndex}'s server in this JVM, started on first use and kept until the JVM exits. */
  public Server serving(int taskIndex) {
    return SERVING.computeIfAbsent(String.join(",", hosts) + "/" + taskIndex, key -> server(taskIndex));
  }

  /** {@code "host:port,host:port"} parsed, in task order. */
  public static WorkerCluster parse(String commaSeparatedHosts) {
    return new WorkerCluster(java.util.Arrays.stream(commaSeparatedHosts.split(",")).map(String::trim)
        .filter(h -> !h.isEmpty()).toList());
  }

  /** {@code /job:worker/task:i}. */
  public static DeviceSpec device(int taskIndex) {
    return DeviceSpec.newBuilder().job(JOB).task(taskIndex).build();
  }

  /**
   * A session of {@code graph} on task {@code taskIndex}'s master ({@code grpc://host:port}).
   *
   * <p>TensorFlow Java 1.1.0 only builds in-process sessions (its allocator never sets a target), so
   * this one is allocated through the C API with {@code TF_SetTarget}, and handed to the library's
   * package-private {@code Session(Graph, TF_Session)} constructor by reflection (its jars are on the
   * class path, an unnamed module). Such a session does not auto-initialise variables.
   */
  public Session session(Graph graph, int taskIndex, ConfigProto config) {
    String target = "grpc://" + hosts.get(taskIndex);
    try {
      return NativeGraphs.withHandle(graph, graphHandle -> {
        try (PointerScope scope = new PointerScope()) {
          TF_Status status = TF_Status.newStatus();
          TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
          tensorflow.TF_SetTarget(options, target);
          BytePointer configBytes = new BytePointer(config.toByteArray());
          tensorflow.TF_SetConfig(options, configBytes, configBytes.capacity(), status);
          status.throwExceptionIfNotOK();
          TF_Session session = TF_Session.newSession(graphHandle, options, status);
          status.throwExceptionIfNotOK();
          session.retainReference();
          Constructor<Session> create = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
          create.setAccessible(true);
          return create.newInstance(graph, session);
        }
      });
    } catch (IllegalStateException e) {
      throw new IllegalStateException("cannot open a session on " + target + ": " + e.getMessage(), e);
    }
  }
}
