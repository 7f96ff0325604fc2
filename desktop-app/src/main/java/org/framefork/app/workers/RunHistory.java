package org.framefork.app.workers;

import java.util.HashMap;
import java.util.Map;

/**
 * The last sequential run of each input and codec setting in this session: the baseline that a
 * parallel or concurrent run of the same work is compared with.
 */
final class RunHistory {
  private final Map<String, Double> sequentialSeconds = new HashMap<>();

  void recordSequential(String key, double seconds) {
    sequentialSeconds.put(key, seconds);
  }

  /** Seconds of the last sequential run of the same work, or null. */
  Double sequentialBaseline(String key) {
    return sequentialSeconds.get(key);
  }
}
