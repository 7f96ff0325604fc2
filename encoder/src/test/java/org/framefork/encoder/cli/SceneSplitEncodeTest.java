package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --split scene} with filters and {@code --verify-quality}, from the command line to Debian's decoder. */
class SceneSplitEncodeTest {
  @TempDir Path dir;

  @Test
  void sceneChunksStartAtTheCutsAndTheReportSaysWhatWasFoundAndMeasured() throws IOException {
    Path in = TestMedia.get(TestMedia.SCENE_CUTS);
    Path out = dir.resolve("scenes.mp4");
    Path report = dir.resolve("report.json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--split", "scene", "--chunk-seconds", "1",
        "--vf", "scale=160:-1", "--verify-quality", "--workers", "2", "--preset", "ultrafast", "--report",
        report.toString());
    assertEquals(0, run.code(), run::toString);

    assertEquals(215, DebianFfmpeg.decodedFrames(out));
    assertEquals("160", DebianFfmpeg.probe(out, "v:0", "stream=width", false));
    assertEquals("", DebianFfmpeg.videoDecodeErrors(out));

    JsonNode r = new ObjectMapper().readTree(report.toFile()).path("results").path(0).path("report");
    assertEquals("scene", r.path("split").asText());
    List<Integer> cuts = new ArrayList<>();
    r.path("sceneAnalysis").path("cuts").forEach(c -> cuts.add(c.asInt()));
    assertEquals(List.of(45, 105, 165), cuts);
    double analysis = r.path("sceneAnalysis").path("seconds").asDouble();
    assertTrue(analysis > 0);
    // The stages account for the whole job, the scene analysis inside the plan stage.
    assertTrue(r.path("planSeconds").asDouble() >= analysis, r.toString());
    double stages = r.path("probeSeconds").asDouble() + r.path("planSeconds").asDouble() + r.path("encodeSeconds").asDouble()
        + r.path("joinSeconds").asDouble() + r.path("verifySeconds").asDouble();
    assertEquals(r.path("wallSeconds").asDouble(), stages, 1e-6);
    // Every cut starts a chunk (a tail split may add starts between them, and numbers its chunk last).
    List<Integer> starts = new ArrayList<>();
    int frames = 0;
    for (JsonNode c : r.path("chunkTimes")) {
      starts.add(c.path("firstFrame").asInt());
      frames += c.path("frames").asInt();
    }
    assertEquals(215, frames);
    assertTrue(starts.containsAll(cuts), "chunks start at " + starts);
    JsonNode q = r.path("quality");
    assertEquals(215, q.path("frames").asInt());
    assertTrue(q.path("psnrAverage").asDouble() > 25 && q.path("ssimAll").asDouble() > 0.8, q.toString());

    assertTrue(run.out().contains("  scenes    3 cuts found in "), run.out());
    assertTrue(run.out().contains(String.format(Locale.ROOT, "  stages    probe %.2f s, plan %.2f s, encode ", r.path("probeSeconds").asDouble(),
        r.path("planSeconds").asDouble())), run.out());
    assertTrue(run.out().contains("at frames 45, 105, 165"), run.out());
    assertTrue(run.out().contains("  filters   scale=160:-1 -> 160x120"), run.out());
    assertTrue(run.out().contains("  quality   PSNR "), run.out());
  }

  @Test
  void probeShowsTheScenePlan() throws IOException {
    Path in = TestMedia.get(TestMedia.SCENE_CUTS);
    CliRun run = CliRun.of("probe", in.toString(), "--split", "scene", "--chunk-seconds", "100", "--json");
    assertEquals(0, run.code(), run::toString);
    JsonNode plan = new ObjectMapper().readTree(run.out()).path("plan");
    assertEquals("[45,105,165]", plan.path("sceneCuts").toString());
    assertEquals(4, plan.path("chunks").size());
    assertEquals(105, plan.path("chunks").path(2).path("firstFrame").asInt());
  }
}
