package org.framefork.encoder.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one machine of a cluster job did: the coordinator's own workers ({@link #COORDINATOR}) or a
 * node's.
 *
 * @param workers the machine's workers (lanes). The coordinator's are its {@code --workers}; with
 *     {@code --workers 0}, the lanes of nodes that left which encoded chunks here instead, up to the
 *     chunks it encodes at once at most (its cores)
 * @param chunks the chunks it encoded for this job
 * @param busySeconds its workers' time encoding them, added up
 * @param idleSeconds its workers' time without a chunk of this job to encode, from its first chunk
 *     to the end of the encode stage, or to when the node left: waiting for transfers, and at the
 *     job's end. A lane that took over a node's chunks here counts from its first chunk here
 * @param transferSeconds the chunks' transfers added up (see {@link ChunkTransfer}); 0 for the coordinator
 * @param leftSeconds when the node left the cluster mid-job (killed, stopped, cut off), in seconds from
 *     the start of the encode stage; null when it stayed to the end, or came back and encoded again
 */
public record NodeTiming(String node, int workers, int chunks, double busySeconds, double idleSeconds, long sentBytes,
    long receivedBytes, double transferSeconds, @JsonInclude(JsonInclude.Include.NON_NULL) Double leftSeconds) {
  /** The name the coordinator's own workers go by. */
  public static final String COORDINATOR = "coordinator";

  /**
   * One row per machine that encoded chunks of the job, the coordinator first, then one per node
   * that left with chunks before it finished any (0 chunks, and when it left).
   *
   * @param localLimit the chunks the coordinator encodes at once at most (its {@code --workers}, or
   *     its cores with 0: see {@link org.framefork.encoder.job.RemoteWorkers#localLimit()})
   * @param workersByNode each node's workers, by name
   * @param leftSeconds when each node that is gone now was found gone, in seconds from the start of
   *     the encode stage: its idle time ends there. It may name nodes that took no part in this job
   *     (gone during an earlier job of the session, or between this job's chunks): they get no row.
   *     A node that rejoined is not in it, even one that left holding a chunk of this job
   * @param leftWith the nodes that left holding a chunk of this job (see {@link LeftWith}): one that
   *     finished none still has its row, idle from its first send until it left, even if it rejoined
   *     since; one that finished chunks ends by {@code leftSeconds} alone
   * @param encodeSeconds the encode stage's wall time
   */
  public static List<NodeTiming> of(List<ChunkTiming> chunks, int localWorkers, int localLimit, Map<String, Integer> workersByNode,
      Map<String, Double> leftSeconds, Map<String, LeftWith> leftWith, double encodeSeconds) {
    Map<String, List<ChunkTiming>> byNode = new LinkedHashMap<>();
    byNode.put(COORDINATOR, new ArrayList<>());
    for (ChunkTiming c : chunks) {
      byNode.computeIfAbsent(c.remote() == null ? COORDINATOR : c.remote().node(), k -> new ArrayList<>()).add(c);
    }
    // A node killed before it finished a chunk of this job took part too: its lanes held chunks until it left.
    new TreeMap<>(leftWith).forEach((node, w) -> {
      if (w.leftSeconds() >= 0) {
        byNode.putIfAbsent(node, new ArrayList<>());
      }
    });
    List<NodeTiming> out = new ArrayList<>();
    byNode.forEach((node, done) -> {
      if (node.equals(COORDINATOR)) {
        if (!done.isEmpty() || localWorkers > 0) {
          out.add(coordinator(localWorkers, localLimit, done, encodeSeconds));
        }
      } else if (done.isEmpty()) {
        // It left holding one of this job's chunks before it finished any: from its first send to then.
        LeftWith w = leftWith.get(node);
        double end = Math.min(encodeSeconds, w.leftSeconds());
        out.add(of(node, workersByNode.getOrDefault(node, 1), done, Math.min(end, w.sentSeconds()), end, w.leftSeconds()));
      } else {
        double end = encodeSeconds;
        Double left = leftSeconds.get(node);
        if (left != null) {
          // Found gone then; a chunk it finished later means it came back (a node that rejoined).
          double lastEnd = done.stream().mapToDouble(ChunkTiming::endSeconds).max().orElse(0);
          end = Math.min(encodeSeconds, Math.max(left, lastEnd));
          left = lastEnd > left ? null : left;
        }
        out.add(of(node, workersByNode.getOrDefault(node, 1), done, end, end, left));
      }
    });
    return out;
  }

  /**
   * A node that left holding a chunk of a job, in seconds from the start of its encode stage.
   *
   * @param sentSeconds when it was first sent one of the job's chunks (0 at the latest: the stage's start)
   * @param leftSeconds when it was found gone holding one
   */
  public record LeftWith(double sentSeconds, double leftSeconds) {}

  /**
   * The coordinator's row: its own lanes (below {@code localWorkers}) from its first chunk, and node
   * lanes that encoded chunks here after their nodes left, as many as {@code localLimit} leaves room
   * for (they took turns), each from the first chunk here of the earliest ones.
   */
  private static NodeTiming coordinator(int localWorkers, int localLimit, List<ChunkTiming> done, double encodeSeconds) {
    Map<Integer, Double> tookOver = new TreeMap<>();
    List<ChunkTiming> own = new ArrayList<>();
    for (ChunkTiming c : done) {
      if (c.worker() < localWorkers) {
        own.add(c);
      } else {
        tookOver.merge(c.worker(), c.startSeconds(), Math::min);
      }
    }
    NodeTiming ownRow = of(COORDINATOR, localWorkers, own, 0, encodeSeconds, null);
    double busy = done.stream().mapToDouble(ChunkTiming::seconds).sum();
    double window = ownRow.idleSeconds() + ownRow.busySeconds();
    int more = Math.max(0, Math.min(tookOver.size(), localLimit - localWorkers));
    List<Double> firsts = tookOver.values().stream().sorted().limit(more).toList();
    for (double first : firsts) {
      window += Math.max(0, encodeSeconds - first);
    }
    return new NodeTiming(COORDINATOR, localWorkers + more, done.size(), busy, Math.max(0, window - busy), 0, 0, 0, null);
  }

  /**
   * A machine's row: its {@code workers} from its first chunk (from {@code fromSeconds} when it
   * finished none) to {@code endSeconds}; {@code left}: see {@link #leftSeconds}.
   */
  private static NodeTiming of(String node, int workers, List<ChunkTiming> done, double fromSeconds, double endSeconds,
      Double left) {
    double busy = 0;
    double transfer = 0;
    long sent = 0;
    long received = 0;
    double first = endSeconds;
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
    double window = Math.max(0, endSeconds - (done.isEmpty() ? fromSeconds : first));
    return new NodeTiming(node, workers, done.size(), busy, Math.max(0, workers * window - busy), sent, received, transfer,
        left);
  }
}
