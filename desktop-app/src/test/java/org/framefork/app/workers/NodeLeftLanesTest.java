package org.framefork.app.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.framefork.encoder.job.JobEvent;
import org.framefork.encoder.report.NodeTiming;
import org.junit.jupiter.api.Test;

/**
 * A node that dies mid-job (kill -9; all of a cluster job's chunks on it, none here): its bars end,
 * failed, when the coordinator knows it is gone, not when its chunks are sent elsewhere or encoded
 * here; its header says it left, and never busy with chunks it no longer has, nor idle after it left.
 */
class NodeLeftLanesTest {
  private static final long S = 1_000_000_000L;
  private static final String B = "127.0.0.1:47610";

  @Test
  void aNodeThatLeftEndsItsBarsAndSaysSo() {
    LaneTimeline t = new LaneTimeline();
    t.cluster(0);
    t.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, 1 * S));
    t.apply(new JobEvent.ChunkSent(0, 0, 1, B, 1 * S + S / 10));
    t.apply(new JobEvent.ChunkStarted(1, 1, 1, 30, 1 * S));
    t.apply(new JobEvent.ChunkSent(1, 1, 1, B, 1 * S + S / 5));
    assertEquals(B + " · 0 chunks · busy (2 running)", header(t, Map.of()));

    t.apply(new JobEvent.NodeLeft(B, 0, 0, 4 * S));
    assertEquals(B + " · 0 chunks · left at 3.0 s, lost 3.0 s", header(t, Map.of()), "gone from the first lane that says so");
    t.apply(new JobEvent.NodeLeft(B, 1, 1, 4 * S + S / 10));
    // No node is left: lane 0 encodes its chunk here.
    t.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, 4 * S + S / 5));
    t.apply(new JobEvent.ChunkProgress(0, 0, 10, 30, 6 * S));

    NodeGroups.Group b = NodeGroups.of(t, Map.of()).stream().filter(g -> g.name().equals(B)).findFirst().orElseThrow();
    assertEquals(0, b.running(), "its lanes have moved off it");
    List<LaneTimeline.Slice> onB = b.rows().stream().flatMap(r -> r.lane().slices.stream().filter(r::owns)).toList();
    assertEquals(2, onB.size(), "one bar per chunk it had");
    assertTrue(onB.stream().allMatch(s -> s.failed), "its chunks were lost there");
    assertEquals(List.of(4 * S, 4 * S + S / 10), onB.stream().map(s -> s.end).toList(), "its bars end when it is known gone");
    NodeGroups.Group here = NodeGroups.of(t, Map.of()).getFirst();
    assertEquals(NodeGroups.THIS_MACHINE, here.name(), "the chunk it lost runs here");
    assertEquals(1, here.running());

    // Done: the report's figures, but no idle time for a machine that was gone, and the time its lost chunks ran there.
    NodeTiming report = new NodeTiming(B, 1, 0, 0, 5.0, 0, 0, 0, null);
    assertEquals(B + " · 1 worker · 0 chunks · busy 0.0 s · left at 3.0 s, lost 6.1 s", header(t, Map.of(B, report)));
  }

  @Test
  void aNodeThatComesBackIsInTheJobAgain() {
    LaneTimeline t = new LaneTimeline();
    t.cluster(0);
    t.apply(new JobEvent.ChunkStarted(0, 0, 1, 30, 1 * S));
    t.apply(new JobEvent.ChunkSent(0, 0, 1, B, 1 * S));
    t.apply(new JobEvent.NodeLeft(B, 0, 0, 2 * S));
    t.apply(new JobEvent.ChunkSent(0, 0, 1, B, 3 * S)); // restarted under the same address
    assertEquals(B + " · 0 chunks · busy (1 running)", header(t, Map.of()));
  }

  private static String header(LaneTimeline t, Map<String, NodeTiming> timings) {
    return NodeGroups.of(t, timings).stream().filter(g -> g.name().equals(B)).findFirst().orElseThrow().header();
  }
}
