package org.rigl.core.distributed;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Server;

/**
 * One worker task of a {@link WorkerCluster}, as its own process: serves until killed or until its
 * lifetime runs out (gRPC servers cannot be stopped cleanly in this TensorFlow, so the process
 * bounds itself).
 *
 * <p>Arguments: {@code host:port,host:port,...} (tasks in order), this task's index, lifetime in
 * seconds.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: WorkerMain HOST:PORT[,HOST:PORT...] TASK_INDEX LIFETIME_SECONDS");
      System.exit(2);
    }
    List<String> hosts = Arrays.asList(args[0].split(","));
    int task = Integer.parseInt(args[1]);
    long lifetimeMillis = Long.parseLong(args[2]) * 1000;
    Server server = new WorkerCluster(hosts).server(task);
    System.out.println("worker " + task + " serving on " + hosts.get(task));
    System.out.flush();
    Thread.sleep(lifetimeMillis);
    System.out.println("worker " + task + " lifetime over");
    System.exit(0);
  }
}
