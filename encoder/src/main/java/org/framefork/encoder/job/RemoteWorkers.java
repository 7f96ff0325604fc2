package org.framefork.encoder.job;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.filter.FilterSetup;
import org.framefork.encoder.plan.Chunk;
import org.framefork.encoder.report.ChunkTransfer;

/**
 * Workers outside this JVM (another machine's) that the parallel mode hands chunks to as it hands
 * them to its own: a worker is a worker, wherever it runs. The scheduler runs {@link #localWorkers()}
 * lanes of its own and {@link #slots()} lanes more, each of which hands its chunks to
 * {@link #encode}. Nothing here names the engine that moves the chunks (see the cluster package).
 */
public interface RemoteWorkers {
  /** Lanes that encode in this JVM (0: every chunk runs elsewhere). */
  int localWorkers();

  /**
   * Chunks this JVM encodes at once at most, the chunks of node lanes that found no node left
   * ({@link #encode} returned null) included: {@link #localWorkers()}, or the cores with 0. Every
   * node lane of a job encoded here at once when its nodes all died: 10 chunks on 2 cores, each 5-11
   * times slower, and 1.25 GB of memory.
   */
  default int localLimit() {
    return localWorkers() > 0 ? localWorkers() : Runtime.getRuntime().availableProcessors();
  }

  /** Chunks that run elsewhere at once when the job starts: one lane each (the plan counts them). */
  int slots();

  /** Chunks that could run elsewhere at once now: more than {@link #slots()} once a worker has joined. */
  default int slotsNow() {
    return slots();
  }

  /**
   * One chunk to encode elsewhere into {@code segment}, as {@link org.framefork.encoder.encode.ChunkEncoder}
   * would here: decoding from the keyframe at or before the chunk, with {@code settings}.
   *
   * @param acceptDamage keep the frames that decode when the source has damaged pictures (a retry)
   * @param filters the job's filter chain, ready (its overlay pictures read); null for none
   * @param sentTo told the name of each node the chunk is sent to, as it is sent (for the job's events)
   * @param left told the name of a node that left the cluster with the chunk, once it is known gone
   */
  record Request(Path source, int videoIndex, Chunk chunk, EncodeSettings settings, Path segment, int lane, int attempt,
      boolean acceptDamage, FilterSetup filters, Consumer<String> sentTo, Consumer<String> left) {}

  /**
   * The segment written to {@link Request#segment()}, checked against the SHA-256 its worker sent.
   *
   * @param framePts source presentation times of the frames in the segment, in order
   * @param busyNanos how long the chunk took, transfers and the wait in the node's queue included
   *     (the job counts the node's own time, {@link ChunkTransfer#nodeSeconds()}, as the chunk's work)
   * @param firstReadNanos the node's time reading up to the chunk's first frame (decoding the frames
   *     before it), which the job's speed per frame leaves out as it does a local chunk's
   * @param transfer the node that encoded it, and what its transfer cost
   */
  record Result(long[] framePts, long bytes, String sha256, long busyNanos, long firstReadNanos, ChunkTransfer transfer) {}

  /**
   * The workers of each node that encoded chunks or left with one, by the name {@link ChunkTransfer#node()}
   * gives (for the report).
   */
  Map<String, Integer> workersByNode();

  /**
   * When each node that left was found gone ({@link System#nanoTime()}), by the same names (for the
   * report: a node's idle time ends there); none by default.
   */
  default Map<String, Long> leftNanos() {
    return Map.of();
  }

  /**
   * The nodes that left the cluster holding a chunk of this job, each with when it was first sent a
   * chunk of this job and when it was found gone holding one, by the same names: each has a row in
   * the report even when it finished none (and then its idle time ends at that leave time, even if
   * it rejoined since). Not a node that left during an earlier job of the session, nor one that left
   * between this job's chunks. None by default.
   */
  default Map<String, LeftWith> leftWithChunk() {
    return Map.of();
  }

  /**
   * When a node that left holding a chunk of a job was first sent one of its chunks, and when it was
   * found gone ({@link System#nanoTime()} both).
   */
  record LeftWith(long firstSentNanos, long leftNanos) {}

  /**
   * Encodes {@code r.chunk()} elsewhere and blocks until its segment is in place. Returns null when
   * no remote worker can take it any more (every node has left): the lane then encodes it here, or,
   * when {@link #slotsNow()} grows while it waits for its turn here, calls this again.
   * Throws when the chunk itself failed (the scheduler retries it as it retries a local one), and
   * returns early, with an exception, once {@code stop} says so.
   */
  Result encode(Request r, BooleanSupplier stop);
}
