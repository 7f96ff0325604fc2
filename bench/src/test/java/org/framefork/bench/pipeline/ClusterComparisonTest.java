package org.framefork.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster encode's figures come from its log and its JSON report: the join, and sums over the remote chunks only. */
class ClusterComparisonTest {
  @TempDir Path dir;

  @Test
  void remoteChunksAreSummedAndLocalOnesLeftOut() throws IOException {
    Path report = dir.resolve("report.json");
    Files.writeString(report, """
        {"results": [{"report": {"encodeSeconds": 12.5, "frames": 300, "chunkTimes": [
          {"bytes": 100, "remote": {"sentBytes": 1000, "receivedBytes": 200, "transferSeconds": 0.25, "nodeSeconds": 3.5,
            "cutSeconds": 0.125}},
          {"bytes": 90},
          {"bytes": 80, "remote": {"sentBytes": 3000, "receivedBytes": 400, "transferSeconds": 0.5, "nodeSeconds": 4.0,
            "cutSeconds": 0.25}}]}}]}
        """);
    ClusterComparison.Run run = ClusterComparison.parse("cluster", 20.0, "Joined the cluster in 1.4 s\n", report);
    assertEquals(new ClusterComparison.Run("cluster", 20.0, 1.4, 12.5, 4000, 600, 0.75, 7.5, 0.375, 2, 300), run);

    ClusterComparison.Run local = ClusterComparison.parse("local", 18.0, "encoded\n", report);
    assertTrue(Double.isNaN(local.joinSeconds()), "no join in a local run's log");
  }
}
