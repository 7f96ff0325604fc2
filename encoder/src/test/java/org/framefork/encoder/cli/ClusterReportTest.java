package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.ChunkTransfer;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.report.NodeTiming;
import org.junit.jupiter.api.Test;

/**
 * A cluster job's report: each chunk's node, bytes and transfer time, and each machine's chunks,
 * busy and idle time, in the printed report and in the JSON.
 */
class ClusterReportTest {
  static final ChunkTransfer TO_A = new ChunkTransfer("10.0.0.2:47500", 400_000, 120_000, 0.2, 0.5, 0.0, 3.0);
  static final ChunkTransfer TO_A_AHEAD = new ChunkTransfer("10.0.0.2:47500", 300_000, 100_000, 0.1, 0.25, 2.0, 2.5);
  static final ChunkTransfer TO_B = new ChunkTransfer("10.0.0.3:47500", 500_000, 150_000, 0.2, 0.75, 0.0, 4.0);

  /** A 10 s encode stage: the coordinator's 1 worker, node a's 2 workers, node b's 1 (which joined at 4 s). */
  static List<ChunkTiming> chunks() {
    return List.of(new ChunkTiming(0, 0, 90, 0, 0.0, 6.0, 6.0, 200_000, 1),
        new ChunkTiming(1, 90, 60, 1, 0.0, 3.7, 3.7, 120_000, 1, TO_A),
        new ChunkTiming(2, 150, 60, 2, 0.0, 4.9, 4.9, 100_000, 1, TO_A_AHEAD),
        new ChunkTiming(3, 210, 60, 3, 4.0, 9.0, 5.0, 150_000, 1, TO_B));
  }

  static JobReport report(List<NodeTiming> nodes) {
    JobReport r = ReportFormatTest.full();
    return new JobReport(r.settings(), r.stages(), new JobReport.Chunks(4, 0, 0, 0, 19.6, 1.96, chunks()), r.output(),
        r.verification(), null, null, List.of(), null, nodes, List.of());
  }

  static String printed(List<NodeTiming> nodes) {
    StringWriter text = new StringWriter();
    ReportPrinter.print(report(nodes), new PrintWriter(text));
    return text.toString();
  }

  @Test
  void eachMachineGetsItsChunksBusyAndIdleTime() {
    List<NodeTiming> nodes = NodeTiming.of(chunks(), 1, 1, Map.of("10.0.0.2:47500", 2, "10.0.0.3:47500", 1),
        Map.of(), Map.of(), 10.0);
    assertEquals(List.of(NodeTiming.COORDINATOR, "10.0.0.2:47500", "10.0.0.3:47500"), nodes.stream().map(NodeTiming::node).toList());
    NodeTiming here = nodes.get(0);
    assertEquals(1, here.chunks());
    assertEquals(6.0, here.busySeconds(), 1e-9);
    assertEquals(4.0, here.idleSeconds(), 1e-9); // 1 worker x 10 s, 6 s of it encoding
    assertEquals(0, here.sentBytes());
    NodeTiming a = nodes.get(1);
    assertEquals(2, a.chunks());
    assertEquals(5.5, a.busySeconds(), 1e-9); // the node's own times, not the round trips
    assertEquals(14.5, a.idleSeconds(), 1e-9); // 2 workers x 10 s
    assertEquals(700_000, a.sentBytes());
    assertEquals(220_000, a.receivedBytes());
    assertEquals(0.75, a.transferSeconds(), 1e-9);
    NodeTiming b = nodes.get(2);
    assertEquals(2.0, b.idleSeconds(), 1e-9); // from its first chunk at 4 s: 1 worker x 6 s, 4 s encoding
  }

  @Test
  void aCoordinatorWithoutWorkersIsLeftOut() {
    List<NodeTiming> nodes = NodeTiming.of(chunks().subList(1, 4), 0, 2, Map.of("10.0.0.2:47500", 2), Map.of(), Map.of(), 10.0);
    assertEquals(List.of("10.0.0.2:47500", "10.0.0.3:47500"), nodes.stream().map(NodeTiming::node).toList());
    assertEquals(1, nodes.get(1).workers(), "a node whose workers are unknown counts as one");
  }

  /** A 22 s encode stage with --workers 0: nodes a and b (1 worker each) left at 5 s; their lanes 0-3 then encoded here. */
  static List<ChunkTiming> nodesLeftAt5s() {
    return List.of(new ChunkTiming(0, 0, 60, 0, 0.0, 4.0, 3.0, 100_000, 1, TO_A),
        new ChunkTiming(1, 60, 60, 1, 0.0, 4.9, 4.0, 100_000, 1, TO_B),
        new ChunkTiming(2, 120, 60, 0, 6.0, 16.0, 10.0, 100_000, 1),
        new ChunkTiming(3, 180, 60, 1, 6.0, 16.0, 10.0, 100_000, 1),
        new ChunkTiming(4, 240, 60, 2, 7.0, 17.0, 10.0, 100_000, 1),
        new ChunkTiming(5, 300, 60, 3, 8.0, 18.0, 10.0, 100_000, 1));
  }

  @Test
  void aCoordinatorWithoutWorkersCountsTheLanesThatEncodedChunksHere() {
    Map<String, Double> left = Map.of("10.0.0.2:47500", 5.0, "10.0.0.3:47500", 5.0);
    List<NodeTiming> nodes = NodeTiming.of(nodesLeftAt5s(), 0, 4, Map.of("10.0.0.2:47500", 1, "10.0.0.3:47500", 1),
        left, Map.of(), 22.0);
    NodeTiming here = nodes.get(0);
    assertEquals(NodeTiming.COORDINATOR, here.node());
    // Was "workers 0 chunks 4 busy 40.00 idle 0.00": more busy time than 0 workers have.
    assertEquals(4, here.workers(), "the node lanes that encoded chunks here");
    assertEquals(4, here.chunks());
    assertEquals(40.0, here.busySeconds(), 1e-9);
    assertEquals(21.0, here.idleSeconds(), 1e-9); // lanes from their first chunk here: 16 + 16 + 15 + 14 s, 40 s encoding
    assertTrue(here.busySeconds() + here.idleSeconds() <= here.workers() * 22.0, here.toString());
  }

  @Test
  void aNodeThatLeftMidJobIsSaidSoInItsRowAndTheJson() throws Exception {
    // Node a left at 5 s; node b was found gone at 5 s too, but finished a chunk at 9 s: it came back.
    List<ChunkTiming> chunks = List.of(nodesLeftAt5s().get(0), new ChunkTiming(1, 60, 60, 1, 0.0, 9.0, 4.0, 100_000, 1, TO_B),
        nodesLeftAt5s().get(2));
    Map<String, Double> left = Map.of("10.0.0.2:47500", 5.0, "10.0.0.3:47500", 5.0);
    List<NodeTiming> nodes = NodeTiming.of(chunks, 0, 2, Map.of("10.0.0.2:47500", 1, "10.0.0.3:47500", 1), left, Map.of(), 22.0);
    assertEquals(List.of(NodeTiming.COORDINATOR, "10.0.0.2:47500", "10.0.0.3:47500"), nodes.stream().map(NodeTiming::node).toList());
    assertEquals(java.util.Arrays.asList(null, 5.0, null), nodes.stream().map(NodeTiming::leftSeconds).toList());

    String s = printed(nodes);
    List<String> rows = s.substring(s.indexOf("\n  nodes ")).lines().filter(l -> l.contains("10.0.0.")).toList();
    assertEquals(2, rows.size(), s);
    assertTrue(rows.get(0).matches("\\s+10\\.0\\.0\\.2:47500 .*  left mid-job at 5\\.0 s"), rows.get(0));
    assertFalse(rows.get(1).contains("left"), rows.get(1));

    JsonNode json = new ObjectMapper().readTree(Json.write(report(nodes))).path("nodes");
    assertEquals(5.0, json.get(1).path("leftSeconds").asDouble(), 1e-9);
    assertFalse(json.get(0).has("leftSeconds"), json.toString());
    assertFalse(json.get(2).has("leftSeconds"), json.toString());
  }

  @Test
  void aNodeKilledBeforeItFinishedAChunkHasItsRowAndCounts() {
    // Node c (2 workers) took chunks and was killed at 1.5 s, before it finished any: it was left out.
    // It was first sent one at 0.5 s.
    Map<String, Double> left = Map.of("10.0.0.4:47500", 1.5);
    List<NodeTiming> nodes = NodeTiming.of(chunks(), 1, 1, Map.of("10.0.0.2:47500", 2, "10.0.0.3:47500", 1,
        "10.0.0.4:47500", 2), left, Map.of("10.0.0.4:47500", new NodeTiming.LeftWith(0.5, 1.5)), 10.0);
    assertEquals(List.of(NodeTiming.COORDINATOR, "10.0.0.2:47500", "10.0.0.3:47500", "10.0.0.4:47500"),
        nodes.stream().map(NodeTiming::node).toList());
    NodeTiming c = nodes.get(3);
    assertEquals(2, c.workers());
    assertEquals(0, c.chunks());
    assertEquals(0.0, c.busySeconds(), 1e-9);
    assertEquals(2.0, c.idleSeconds(), 1e-9); // 2 workers x 1 s from its first send: its lost work counts as idle
    assertEquals(1.5, c.leftSeconds(), 1e-9);

    String s = printed(nodes);
    assertTrue(s.contains("; parallel on 6 workers (1 here, 5 on 3 nodes; 4 lanes with the nodes' fetch-ahead); 4 chunks"), s);
    assertTrue(s.matches("(?s).*\\n\\s+10\\.0\\.0\\.4:47500\\s+2\\s+0\\s+0\\.00\\s+2\\.00 .*  left mid-job at 1\\.5 s\\n.*"), s);
  }

  @Test
  void aNodeThatLeftDuringAnEarlierJobHasNoRow() {
    // encode a.mp4 b.mp4 --cluster: node "old" was killed during a.mp4, 60 s before b.mp4's encode stage;
    // the session still knows when it left. b.mp4's chunks all ran here.
    List<ChunkTiming> here = List.of(chunks().get(0));
    List<NodeTiming> nodes = NodeTiming.of(here, 1, 1, Map.of("old", 2), Map.of("old", -60.0), Map.of(), 10.0);
    assertEquals(List.of(NodeTiming.COORDINATOR), nodes.stream().map(NodeTiming::node).toList());
    // Even named as one that left with a chunk: it left before this stage started.
    assertEquals(List.of(NodeTiming.COORDINATOR), NodeTiming.of(here, 1, 1, Map.of("old", 2), Map.of("old", -60.0),
        Map.of("old", new NodeTiming.LeftWith(0.0, -60.0)), 10.0).stream().map(NodeTiming::node).toList());

    String s = printed(nodes);
    assertTrue(s.contains("; parallel on 1 worker here (no node took a chunk); "), s);
    assertFalse(s.contains("old"), s);
  }

  @Test
  void aNodeGetsARowOnlyForTheJobWhoseChunkItLeftWith() {
    // The second job of a batch: node b encoded chunks of the first and left at 3 s into this one, holding
    // none of its chunks; node c was killed at 1.5 s holding one (first sent at 0.5 s), and has rejoined
    // since under the same name without taking another, so the session no longer counts it gone.
    Map<String, Double> left = Map.of("10.0.0.3:47500", 3.0);
    List<NodeTiming> nodes = NodeTiming.of(List.of(chunks().get(0), chunks().get(1)), 1, 1,
        Map.of("10.0.0.2:47500", 2, "10.0.0.3:47500", 1, "10.0.0.4:47500", 2), left,
        Map.of("10.0.0.4:47500", new NodeTiming.LeftWith(0.5, 1.5)), 10.0);
    assertEquals(List.of(NodeTiming.COORDINATOR, "10.0.0.2:47500", "10.0.0.4:47500"),
        nodes.stream().map(NodeTiming::node).toList());
    NodeTiming c = nodes.get(2);
    assertEquals(0, c.chunks());
    assertEquals(2.0, c.idleSeconds(), 1e-9); // 2 workers from 0.5 s to 1.5 s
    assertEquals(1.5, c.leftSeconds(), 1e-9);
  }

  @Test
  void aNodeThatLeftWithAChunkAndEncodedAgainIsCountedToTheStagesEnd() {
    // A 22 s stage: node b (1 worker) encoded chunk 0 (0-4 s), was killed holding chunk 2 at 5 s, rejoined,
    // encoded chunk 5 (9-13 s) and stayed to the end. The session no longer counts it gone; this job knows
    // it left with chunk 2.
    List<ChunkTiming> chunks = List.of(new ChunkTiming(0, 0, 60, 0, 0.0, 4.0, 4.0, 100_000, 1, TO_B),
        new ChunkTiming(5, 300, 60, 0, 9.0, 13.0, 4.0, 100_000, 1, TO_B));
    List<NodeTiming> nodes = NodeTiming.of(chunks, 0, 1, Map.of("10.0.0.3:47500", 1), Map.of(),
        Map.of("10.0.0.3:47500", new NodeTiming.LeftWith(0.0, 5.0)), 22.0);
    assertEquals(List.of("10.0.0.3:47500"), nodes.stream().map(NodeTiming::node).toList());
    NodeTiming b = nodes.get(0);
    assertEquals(2, b.chunks());
    assertEquals(8.0, b.busySeconds(), 1e-9);
    // Was 5.0: its time ended at its last chunk (13 s), this job's leave time overriding the session's.
    assertEquals(14.0, b.idleSeconds(), 1e-9); // 1 worker x 22 s, 8 s encoding
    assertEquals(null, b.leftSeconds());
  }

  @Test
  void aCoordinatorWithoutWorkersCountsNoMoreLanesThanItEncodesAtOnce() {
    // Its 2 cores: the lanes 0-3 of the nodes that left at 5 s took turns, two chunks at a time.
    List<ChunkTiming> turns = List.of(nodesLeftAt5s().get(0), nodesLeftAt5s().get(1),
        new ChunkTiming(2, 120, 60, 0, 6.0, 11.0, 5.0, 100_000, 1), new ChunkTiming(3, 180, 60, 1, 6.0, 11.0, 5.0, 100_000, 1),
        new ChunkTiming(4, 240, 60, 2, 11.0, 16.0, 5.0, 100_000, 1), new ChunkTiming(5, 300, 60, 3, 11.0, 16.0, 5.0, 100_000, 1));
    Map<String, Double> left = Map.of("10.0.0.2:47500", 5.0, "10.0.0.3:47500", 5.0);
    NodeTiming here = NodeTiming.of(turns, 0, 2, Map.of("10.0.0.2:47500", 1, "10.0.0.3:47500", 1), left, Map.of(), 22.0).get(0);
    // Was 4 workers, idle 38 s: every lane that encoded a chunk here, each from its first chunk here.
    assertEquals(2, here.workers(), "the chunks it encodes at once, not the lanes that took turns");
    assertEquals(4, here.chunks());
    assertEquals(20.0, here.busySeconds(), 1e-9);
    assertEquals(12.0, here.idleSeconds(), 1e-9); // 2 lanes from 6 s to 22 s, 20 s encoding
    // With --workers 1, its one worker and the lanes that took over share one place to encode.
    assertEquals(1, NodeTiming.of(turns, 1, 1, Map.of(), left, Map.of(), 22.0).get(0).workers());
  }

  @Test
  void aNodesIdleTimeEndsWhenItLeft() {
    Map<String, Double> left = Map.of("10.0.0.2:47500", 5.0, "10.0.0.3:47500", 5.0);
    List<NodeTiming> nodes = NodeTiming.of(nodesLeftAt5s(), 0, 4, Map.of("10.0.0.2:47500", 1, "10.0.0.3:47500", 1),
        left, Map.of(), 22.0);
    assertEquals(2.0, nodes.get(1).idleSeconds(), 1e-9); // 1 worker x 5 s, 3 s encoding (was 19 s: up to the stage's end)
    assertEquals(1.0, nodes.get(2).idleSeconds(), 1e-9);
    // A node found gone that later finished a chunk had come back (it rejoined): counted to that chunk's end.
    List<NodeTiming> back = NodeTiming.of(List.of(nodesLeftAt5s().get(0), new ChunkTiming(6, 360, 60, 0, 8.0, 12.0, 3.5,
        100_000, 1, TO_A)), 0, 4, Map.of("10.0.0.2:47500", 1), Map.of("10.0.0.2:47500", 5.0), Map.of(), 22.0);
    assertEquals(12.0 - 3.0 - 3.0, back.get(0).idleSeconds(), 1e-9);
  }

  @Test
  void printedReportNamesEachChunksNodeAndEachNode() {
    List<NodeTiming> nodes = NodeTiming.of(chunks(), 1, 1, Map.of("10.0.0.2:47500", 2, "10.0.0.3:47500", 1),
        Map.of(), Map.of(), 10.0);
    String s = printed(nodes);
    assertTrue(s.contains("node                        sent   received xfer s"), s);
    // The machines' workers, not the lanes (which count each node's fetched-ahead chunk as a worker).
    assertTrue(s.contains("; parallel on 4 workers (1 here, 3 on 2 nodes; 4 lanes with the nodes' fetch-ahead); 4 chunks"), s);
    assertTrue(s.matches("(?s).*\\n\\s+1\\s+1\\s+90-149 .* 10\\.0\\.0\\.2:47500\\s+391 KiB\\s+117 KiB\\s+0\\.50\\n.*"), s);
    assertTrue(s.matches("(?s).*\\n\\s+0\\s+0\\s+0-89 .* coordinator\\s*\\n.*"), s);
    assertTrue(s.matches("(?s).*\\n  nodes\\s+node\\s+workers chunks\\s+busy s\\s+idle s.*"), s);
    assertTrue(s.matches("(?s).*\\n\\s+10\\.0\\.0\\.2:47500\\s+2\\s+2\\s+5\\.50\\s+14\\.50\\s+684 KiB\\s+215 KiB\\s+0\\.75\\n.*"), s);
  }

  @Test
  void jsonHasEachChunksTransferAndEachNode() throws Exception {
    List<NodeTiming> nodes = NodeTiming.of(chunks(), 1, 1, Map.of("10.0.0.2:47500", 2, "10.0.0.3:47500", 1),
        Map.of(), Map.of(), 10.0);
    JsonNode json = new ObjectMapper().readTree(Json.write(report(nodes)));
    JsonNode c1 = json.path("chunkTimes").get(1).path("remote");
    assertEquals("10.0.0.2:47500", c1.path("node").asText());
    assertEquals(400_000, c1.path("sentBytes").asLong());
    assertEquals(120_000, c1.path("receivedBytes").asLong());
    assertEquals(0.5, c1.path("transferSeconds").asDouble());
    assertEquals(3.0, c1.path("nodeSeconds").asDouble());
    assertFalse(json.path("chunkTimes").get(0).has("remote"), "a chunk encoded here has no transfer");
    JsonNode a = json.path("nodes").get(1);
    assertEquals("10.0.0.2:47500", a.path("node").asText());
    assertEquals(2, a.path("chunks").asInt());
    assertEquals(5.5, a.path("busySeconds").asDouble());
    assertEquals(14.5, a.path("idleSeconds").asDouble());
    assertFalse(new ObjectMapper().readTree(Json.write(ReportFormatTest.full())).has("nodes"), "a local job has no nodes");
  }
}
