package org.framefork.encoder.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one machine of a cluster job did: the coordinator's own workers ({@link #COORDINATOR}) or a
 * node's.
 *
 * @param workers the machine's workers (lanes)
 * @param chunks the chunks it encoded for this job
 * @param busySeconds its workers' time encoding them, added up
 * @param idleSeconds its workers' time without a chunk of this job to encode, from its first chunk
 *     to the end of the encode stage: waiting for transfers, and at the job's end
 * @param transferSeconds the chunks' transfers added up (see {@link ChunkTransfer}); 0 for the coordinator
 */
public record NodeTiming(String node, int workers, int chunks, double busySeconds, double idleSeconds, long sentBytes,
    long receivedBytes, double transferSeconds) {
  /** The name the coordinator's own workers go by. */
  public static final String COORDINATOR = "coordinator";

  /**
   * One row per machine that encoded chunks of the job, the coordinator first.
   *
   * @param workersByNode each node's workers, by name
   * @param encodeSeconds the encode stage's wall time
   */
  public static List<NodeTiming> of(List<ChunkTiming> chunks, int localWorkers, Map<String, Integer> workersByNode,
      double encodeSeconds) {
    Map<String, List<ChunkTiming>> byNode = new LinkedHashMap<>();
    byNode.put(COORDINATOR, new ArrayList<>());
    for (ChunkTiming c : chunks) {
      byNode.computeIfAbsent(c.remote() == null ? COORDINATOR : c.remote().node(), k -> new ArrayList<>()).add(c);
    }
    List<NodeTiming> out = new ArrayList<>();
    byNode.forEach((node, done) -> {
      int workers = node.equals(COORDINATOR) ? localWorkers : workersByNode.getOrDefault(node, 1);
      if (!done.isEmpty() || workers > 0) {
        out.add(of(node, workers, done, encodeSeconds));
      }
    });
    return out;
  }

  private static NodeTiming of(String node, int workers, List<ChunkTiming> done, double encodeSeconds) {
    double busy = 0;
    double transfer = 0;
    long sent = 0;
    long received = 0;
    double first = encodeSeconds;
    for (ChunkTiming c : done) {
      first = Math.min(first, c.startSeconds());
      ChunkTransfer t = c.remote();
      busy += t == null ? c.seconds() : t.nodeSeconds();
      if (t != null) {
        transfer += t.transferSeconds();
        sent += t.sentBytes();
        received += t.receivedBytes();
      }
    }
    double window = done.isEmpty() ? encodeSeconds : encodeSeconds - first;
    return new NodeTiming(node, workers, done.size(), busy, Math.max(0, workers * window - busy), sent, received, transfer);
  }
}
