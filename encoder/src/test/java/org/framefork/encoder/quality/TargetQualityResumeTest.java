package org.framefork.encoder.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target-quality encode killed (SIGKILL) while a chunk probes, then resumed: the finished chunks
 * are reused, and so are the probes the killed chunk had finished: they are not encoded again, also
 * from a work folder whose CRFs are whole JSON numbers, as versions before fractional CRFs wrote them.
 */
class TargetQualityResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TARGET = "ssim=0.990-0.991";

  @TempDir Path tmp;

  @Test
  void killMidProbeThenResumeReusesChunksAndProbes() throws Exception {
    Path in = tmp.resolve("input.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3,noise=alls=3:allf=t", "-c:v",
        "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", in.toString());
    Path out = tmp.resolve("out.mkv");
    // A narrow band (0.001 of SSIM): chunks run several probes, which leaves time to catch one mid-search.
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        "org.framefork.encoder.cli.Main", "encode", in.toString(), "-o", out.toString(), "--preset", "veryfast",
        "--chunk-frames", "25", "--workers", "1", "--target-quality", TARGET, "--quiet"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    Path chunks = tmp.resolve(".out.mkv.framefork-work").resolve("chunks");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    Path searching = null;
    while (p.isAlive() && System.nanoTime() < deadline && (searching = midSearch(chunks)) == null) {
      Thread.sleep(10);
    }
    assertTrue(p.isAlive() && searching != null, "caught mid-probe: " + Files.readString(tmp.resolve("child.log")));
    p.destroyForcibly(); // SIGKILL
    p.waitFor(30, TimeUnit.SECONDS);
    assertFalse(Files.exists(out));

    // Mark the saved probes: a probe that ran again would score what the encode scores, not the mark.
    // Whole CRFs go back as JSON integers, as versions before fractional CRFs wrote them.
    ObjectNode log = (ObjectNode) JSON.readTree(searching.toFile());
    int chunk = log.path("chunk").asInt();
    List<Double> marked = new ArrayList<>();
    for (JsonNode probe : log.path("probes")) {
      double mark = probe.path("score").asDouble() + 1e-7;
      ((ObjectNode) probe).put("score", mark);
      marked.add(mark);
      asWholeNumber((ObjectNode) probe);
    }
    assertTrue(log.path("probes").path(0).path("crf").isInt(), "a search's first probe is a whole CRF: " + log);
    JSON.writeValue(searching.toFile(), log);
    Path settings = chunks.resolveSibling("settings.json");
    ObjectNode saved = (ObjectNode) JSON.readTree(settings.toFile());
    asWholeNumber(saved);
    assertTrue(saved.path("crf").isInt(), saved.toString());
    JSON.writeValue(settings.toFile(), saved);
    int finished = (int) Files.list(chunks).filter(f -> f.getFileName().toString().matches("\\d+\\.json")).count();

    JobOptions o = JobOptions.defaults(in, out)
        .withVideo(new EncodeSettings(VideoCodec.H264, VideoCodec.H264.defaultCrf(), "veryfast", 1))
        .withSplit(SplitMode.FIXED, 0, 25)
        .withMode(ExecutionMode.PARALLEL, 1)
        .withTargetQuality(TargetQuality.parse(TARGET))
        .withResume(true);
    JobReport r = new EncodeJob(o, null).run();
    assertEquals(finished, r.chunks().reused(), "the chunks finished before the kill are reused");
    ChunkTarget resumed = r.targetQuality().chunks().stream().filter(c -> c.chunk() == chunk).findFirst().orElseThrow();
    assertEquals(marked.size(), resumed.resumedProbes(), "the probes the log held, and only those: " + resumed);
    for (int i = 0; i < marked.size(); i++) {
      assertEquals(marked.get(i), resumed.probes().get(i).score(), 0.0, "probe " + i + " came from the log: " + resumed);
    }
    assertEquals(3, r.targetQuality().chunks().size());
    assertEquals(75, DebianFfmpeg.decodedFrames(out));
    assertTrue(r.verification().passed());
    // The report says whose probes and whose encodes its times are, rather than a ratio across runs.
    java.io.StringWriter text = new java.io.StringWriter();
    org.framefork.encoder.cli.ReportPrinter.print(r, new java.io.PrintWriter(text, true));
    assertTrue(text.toString().contains("over every run of this resumed job"), text.toString());
    assertFalse(text.toString().contains("x the final encodes'"), text.toString());

    // Another target on resume is refused: its probes would answer another question.
    JobOptions other = o.withOutput(tmp.resolve("other.mkv"), o.container()).withResume(false);
    new EncodeJob(other.withWorkKept(org.framefork.encoder.job.WorkKept.ALWAYS), null).run();
    JobOptions changed = other.withTargetQuality(TargetQuality.parse("ssim=0.98")).withOverwrite(true).withResume(true);
    InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> new EncodeJob(changed, null).run());
    assertTrue(e.getMessage().contains("--target-quality"), e.getMessage());
  }

  /** Writes {@code node}'s "crf" as a JSON integer when it is a whole number. */
  private static void asWholeNumber(ObjectNode node) {
    double crf = node.path("crf").asDouble();
    if (crf == Math.rint(crf)) {
      node.put("crf", (int) crf);
    }
  }

  /** A chunk's search log with a probe or more and no CRF chosen yet, or null. */
  private static Path midSearch(Path chunks) {
    if (!Files.isDirectory(chunks)) {
      return null;
    }
    try (var files = Files.list(chunks)) {
      for (Path f : files.filter(x -> x.getFileName().toString().matches("\\d+\\.target\\.json")).toList()) {
        JsonNode log = JSON.readTree(f.toFile());
        if (log.path("probes").size() >= 1 && log.path("crf").isNull()) {
          return f;
        }
      }
    } catch (Exception e) {
      return null; // a file being replaced: look again
    }
    return null;
  }
}
