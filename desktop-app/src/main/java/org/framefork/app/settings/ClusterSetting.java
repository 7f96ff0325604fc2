package org.framefork.app.settings;

import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.cluster.HostPort;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.ExecutionMode;

/**
 * Where a job's chunks run besides this machine: the worker nodes of a cluster, as {@code framefork
 * encode --cluster HOST:PORT[,...] --credentials DIR --workers N} gives them (see docs/cluster.md).
 *
 * @param addresses one or more nodes, {@code HOST:PORT} separated by commas
 * @param credentials the folder {@code framefork node --init DIR} made, copied from the nodes
 * @param localWorkers chunks this machine encodes at once beside the nodes; 0 leaves them all to the nodes
 */
public record ClusterSetting(String addresses, Path credentials, int localWorkers) {
  public ClusterSetting {
    addresses = addresses == null ? "" : addresses.strip();
  }

  /**
   * One sentence that says what to change, or null. It reads no file (it runs on the UI thread): the
   * credentials themselves are loaded by the engine's own check when the job starts ({@link #asOptions}).
   */
  public String problem(ExecutionMode mode) {
    try {
      HostPort.parseList(addresses, "--cluster"); // the engine's own parse, the command line's messages
    } catch (IllegalArgumentException e) {
      return inSettingsWords(e.getMessage());
    }
    if (credentials == null || credentials.toString().isBlank()) {
      return "choose the cluster's credentials folder (the one 'framefork node --init DIR' made, copied from the nodes)";
    }
    if (mode != ExecutionMode.PARALLEL) {
      return "a cluster runs chunks in parallel; choose the parallel mode, or clear the cluster's addresses";
    }
    if (localWorkers < 0 || localWorkers > JobOptions.MAX_WORKERS) {
      return "workers here: give 0 (the nodes only) to " + JobOptions.MAX_WORKERS;
    }
    return null;
  }

  /** The setting as the encode command's options, for the engine's own option class to read. */
  public List<String> asOptions() {
    return List.of("--cluster=" + addresses, "--credentials=" + credentials);
  }

  /** A message of the engine's, which names its command-line options, in the settings' names. */
  public static String inSettingsWords(String engineMessage) {
    return engineMessage.replace("--cluster", "cluster").replace("--credentials", "credentials folder")
        .replace("--workers", "workers here");
  }
}
