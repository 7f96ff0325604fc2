package org.framefork.encoder.cluster;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which lane checks a node's port, and when: one check per node and interval, however many of its
 * chunks the lanes wait for (a node of 8 workers holds 9 of one job's chunks at once). The lane
 * whose turn it is connects; the others go on waiting, and learn from it when the node is gone.
 */
final class PortChecks {
  private final long intervalNanos;
  /** When each node's port was last checked, by {@link System#nanoTime()}. */
  private final Map<UUID, Long> checked = new ConcurrentHashMap<>();

  PortChecks(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** Whether the caller checks node {@code id}'s port at {@code now}: when no one has for an interval. It then counts as checked. */
  boolean due(UUID id, long now) {
    boolean[] mine = {false};
    checked.compute(id, (k, last) -> {
      if (last != null && now - last < intervalNanos) {
        return last;
      }
      mine[0] = true;
      return now;
    });
    return mine[0];
  }
}
