package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.ScenePlanner;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.ChunkTiming;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.report.ReusedChunk;
import org.framefork.encoder.verify.ChunkQuality;
import org.framefork.encoder.verify.OutputQuality;
import org.framefork.encoder.verify.QualityScore;
import org.framefork.encoder.verify.vmaf.VmafSummary;
import org.framefork.encoder.verify.Verification;
import org.junit.jupiter.api.Test;

/**
 * Pins what a job's report looks like to its readers: the text the command line prints and the
 * JSON {@code --report} writes, which scripts read by field name (bench/scripts/engine-figures.sh,
 * for one). {@code report-format.txt} holds what they are now.
 */
class ReportFormatTest {
  /** The report's JSON fields, in order; the last three only when they have a value. */
  static final List<String> FIELDS = List.of("input", "output", "codec", "crf", "preset", "container", "audio", "mode",
      "workers", "split", "chunks", "frames", "durationSeconds", "wallSeconds", "fps", "encodedFrames", "probeSeconds", "planSeconds",
      "encodeSeconds", "joinSeconds", "verifySeconds", "sumChunkSeconds", "speedup", "retries", "reusedChunks",
      "splitChunks", "droppedFrames", "outputBytes", "bitrateKbps", "chunkTimes", "verification", "filters", "width",
      "height", "sceneAnalysis", "quality", "notes");

  static JobReport full() {
    List<ChunkTiming> times = List.of(new ChunkTiming(0, 0, 600, 0, 0.01, 5.0, 4.99, 2_000_000, 1),
        new ChunkTiming(1, 600, 400, 1, 0.02, 9.7, 9.68, 3_000_000, 3), new ChunkTiming(2, 1000, 0, 2, 5.1, 5.2, 0.1, 100, 1));
    return new JobReport(
        new JobReport.Settings(Path.of("in/clip.mp4"), Path.of("/out/clip.framefork.mkv"), VideoCodec.H265, 28, "slow",
            Container.MKV, AudioMode.AAC, ExecutionMode.PARALLEL, 4, SplitMode.SCENE, "scale=1280:-1,gray", false),
        new JobReport.Stages(0.25, 1.5, 9.75, 0.5, 0.5, 12.5, 50.72, 634),
        new JobReport.Chunks(4, 1, 1, 2, 36.0, 3.6923, times, List.of(new ReusedChunk(3, 1000, 234, 800_000))),
        new JobReport.Output(1234, 41.175, 3, 5_432_100, 1055.4, 1280, 720),
        new Verification(1231, 1231, 41.175, 41.175, 0.0333, true, true, 0.004, true, List.of(),
            new Verification.OutputPicture(10, "HDR10", "smpte2084", "bt2020", "bt2020nc", true)),
        new OutputQuality(
            new QualityScore(1231, 40.1, 44.2, 45.3, 41.0, 30.5, Double.POSITIVE_INFINITY, 0.95, 0.97, 0.98, 0.96, 2.5),
            new VmafSummary(1231, 93.51, 93.12, 80.25, 85.5, 88.46), true,
            List.of(chunkQuality(0, 0, 39.5, 0.955, 92.5), chunkQuality(1, 600, 42.25, 0.965, 94.5))),
        new ScenePlanner.Analysis(new int[] {300, 720}, 1.2, 4, 4),
        List.of("the source is interlaced (field order tt); it was encoded as progressive pictures, not deinterlaced",
            "another note"), null, List.of(), List.of());
  }

  private static ChunkQuality chunkQuality(int chunk, int first, double psnr, double ssim, double vmaf) {
    return new ChunkQuality(chunk, first, new QualityScore(600, psnr, psnr, psnr, psnr, psnr - 2, psnr + 2, ssim, ssim, ssim,
        ssim, 0), new VmafSummary(600, vmaf, vmaf - 0.5, vmaf - 10, vmaf - 6, vmaf - 4),
        new ChunkQuality.FrameScores(new double[] {ssim}, new double[] {psnr}, new double[] {vmaf}));
  }

  /** A failed verification, and none of the parts that only some jobs have. */
  static JobReport bare() {
    return new JobReport(
        new JobReport.Settings(Path.of("a.mov"), Path.of("b.webm"), VideoCodec.AV1, 35, "8", Container.WEBM, AudioMode.NONE,
            ExecutionMode.SEQUENTIAL, 1, SplitMode.KEYFRAMES, "", false),
        new JobReport.Stages(0.1, 0.2, 0.3, 0.1, 0.2, 0.9, 1.1111, 1),
        new JobReport.Chunks(1, 0, 0, 0, 0.3, 1.0, List.of()),
        new JobReport.Output(1, 0.04, 0, 999, 199.8, 640, 480),
        new Verification(1, 2, 0.04, 0.08, 0.04, false, false, 0, false, List.of("the output has 2 frames, the source 1"),
            new Verification.OutputPicture(8, "SDR", null, null, null, false)),
        null, null, List.of(), null, List.of(), List.of());
  }

  @Test
  void textAndJsonAreAsTheyWere() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    ReportPrinter.print(full(), out);
    ReportPrinter.print(bare(), out);
    ReportPrinter.printSummary(List.of(InputResult.done(Path.of("in/clip.mp4"), Path.of("/out/clip.framefork.mkv"), full()),
        InputResult.failed(Path.of("x.mp4"), Path.of("x.framefork.mp4"), "bad")), out);
    String now = text + "=====\n" + Json.write(full()) + "\n=====\n" + Json.write(bare()) + "\n";
    assertEquals(golden(), now);
  }

  /** A figure that is no finite number (a CPU time not measured, an identical plane's PSNR) is JSON's null. */
  record Figures(double notMeasured, Double boxed, double infinite, double measured) {}

  @Test
  void aFigureThatIsNoFiniteNumberIsWrittenAsNull() throws Exception {
    JsonNode json = new ObjectMapper().readTree(Json.write(new Figures(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, 1.5)));
    assertTrue(json.get("notMeasured").isNull(), json.toString());
    assertTrue(json.get("boxed").isNull(), json.toString());
    assertTrue(json.get("infinite").isNull(), json.toString());
    assertEquals(1.5, json.get("measured").asDouble());
  }

  /**
   * The settings row says an image sequence's keyframes split as "between images" from what the
   * report carries, not from the disk: neither path below exists, and only the report tells them apart.
   */
  @Test
  void theSplitOfAnImageSequenceComesFromTheReport() {
    Path pattern = Path.of("no-such-folder/f_%04d.png");
    String sequence = settingsRow(pattern, true);
    assertTrue(sequence.contains("(between images)"), sequence);
    String video = settingsRow(pattern, false);
    assertTrue(video.contains("(keyframes)"), video);
  }

  private static String settingsRow(Path input, boolean imageSequence) {
    JobReport r = bare();
    JobReport.Settings s = r.settings();
    JobReport.Settings as = new JobReport.Settings(input, s.output(), s.codec(), s.crf(), s.preset(), s.container(),
        s.audio(), s.mode(), s.workers(), s.split(), s.filters(), imageSequence);
    StringWriter text = new StringWriter();
    ReportPrinter.print(new JobReport(as, r.stages(), r.chunks(), r.output(), r.verification(), null, null, List.of(),
        null, List.of(), List.of()), new PrintWriter(text));
    return text.toString().lines().filter(l -> l.contains("settings")).findFirst().orElseThrow();
  }

  @Test
  void jsonHasTheFieldsScriptsRead() throws Exception {
    assertEquals(FIELDS, fieldNames(full()));
    assertEquals(FIELDS.subList(0, FIELDS.size() - 3), fieldNames(bare()));
    JsonNode json = new ObjectMapper().readTree(Json.write(full()));
    assertEquals("h265", json.path("codec").asText());
    assertEquals("mkv", json.path("container").asText());
    assertEquals("aac", json.path("audio").asText());
    assertEquals("parallel", json.path("mode").asText());
    assertEquals("scene", json.path("split").asText());
    assertEquals("in/clip.mp4", json.path("input").asText());
    // Every chunk of the output, in chunk order: the one taken from the interrupted run says so.
    JsonNode chunks = json.path("chunkTimes");
    assertEquals(json.path("chunks").asInt(), chunks.size());
    assertEquals(json.path("reusedChunks").asInt(), chunks.findValues("reused").size());
    JsonNode reused = chunks.get(3);
    assertEquals(List.of("chunk", "firstFrame", "frames", "bytes", "reused"), names(reused));
    assertTrue(reused.path("reused").asBoolean(), reused.toString());
    assertTrue(!chunks.get(0).has("reused"), chunks.toString());
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> fieldNames(JobReport report) throws Exception {
    List<String> names = new ArrayList<>();
    new ObjectMapper().readTree(Json.write(report)).fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String golden() throws Exception {
    try (InputStream in = ReportFormatTest.class.getResourceAsStream("report-format.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
