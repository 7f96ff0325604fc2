package org.framefork.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.framefork.app.settings.JobSettings;
import org.framefork.encoder.encode.AudioMode;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.kernels.colour.HdrToSdr;
import org.framefork.encoder.job.JobWorkspace;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.verify.Verification;
import org.junit.jupiter.api.Test;

/**
 * An entry's log names what sets the quality (the CRF, or the target that picks each chunk's CRF),
 * and the depth, tone map and image sequence rate where they are set.
 */
class JobLogTest {
  @Test
  void theStartLineNamesTheTargetNotTheUnusedCrf() {
    Path out = Path.of("/tmp/out/clip-h264.mp4");
    assertEquals("start: -> " + out + "; h264 medium CRF 23, audio auto; parallel on 2 workers",
        JobLog.started(settings(""), false, out, false));
    assertEquals("resume: -> " + out + "; h264 medium vmaf=93, audio auto; parallel on 2 workers",
        JobLog.started(settings("vmaf=93"), true, out, false));
  }

  @Test
  void theStartLineNamesDepthToneMapAndAnImageSequencesRate() {
    Path out = Path.of("/tmp/out/frame-h264.mp4");
    JobSettings s = new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, Path.of("/tmp/out"),
        AudioMode.AUTO, "", "", null, 0, HdrToSdr.Curve.BT2390, "30000/1001");
    assertEquals("start: -> " + out + "; h264 medium CRF 23, tone map bt2390, images at 30000/1001 fps, audio auto; parallel on 2 workers",
        JobLog.started(s, false, out, true));
    assertEquals("start: -> " + out + "; h264 medium CRF 23, tone map bt2390, audio auto; parallel on 2 workers",
        JobLog.started(s, false, out, false), "a video's line leaves the images' rate out");
  }

  /**
   * A source named as if it held options ("My --fps 30 clip.mp4", in a folder "--depth 10 takes") and filters the
   * user typed with "--vf " in them: the log's report, the row's notes and warnings say the engine's words in the
   * app's, and the paths and the filters as they are.
   */
  @Test
  void theReportKeepsPathsAndFiltersAsTheyAre() {
    Path input = Path.of("/v/--depth 10 takes/My --fps 30 clip.mp4");
    Path output = Path.of("/v/out --fps 25/My --fps 30 clip-h264.mp4");
    String filters = "drawtext=text='--vf --tonemap ',hflip";
    Path work = JobWorkspace.defaultFor(output);
    String sequence = "image sequence of 12 images (rgba) at 25 fps, the default for an image sequence (--fps sets another)";
    String kept = "the work folder was kept (--keep-work): " + work;
    JobReport r = new JobReport(
        new JobReport.Settings(input, output, VideoCodec.H264, 23, "ultrafast", Container.MP4, AudioMode.AUTO,
            ExecutionMode.PARALLEL, 2, SplitMode.KEYFRAMES, filters, false),
        new JobReport.Stages(0.1, 0.2, 0.3, 0.1, 0.2, 0.9, 1.1, 1),
        new JobReport.Chunks(1, 0, 0, 0, 0.3, 1.0, List.of()),
        new JobReport.Output(1, 0.04, 0, 999, 199.8, 640, 480),
        new Verification(1, 1, 0.04, 0.04, 0.04, false, false, 0, true, List.of(), null),
        null, null, List.of(sequence, kept), null, List.of(), List.of(kept));

    List<String> report = JobLog.report(r);
    assertEquals(input + " -> " + output, report.get(0), "the input and output as they are");
    assertTrue(report.contains("  filters   " + filters + " -> 640x480"), () -> String.join("\n", report));
    assertTrue(report.contains("  note      image sequence of 12 images (rgba) at 25 fps, the default for an image sequence "
        + "(Sequence fps sets another)"), () -> String.join("\n", report));
    assertTrue(report.contains("  note      the work folder was kept: " + work), () -> String.join("\n", report));
    assertFalse(String.join("\n", report).replace(input.toString(), "").replace(output.toString(), "")
        .replace(work.toString(), "").replace(filters, "").contains("--"), () -> String.join("\n", report));

    assertEquals(List.of("image sequence of 12 images (rgba) at 25 fps, the default for an image sequence (Sequence fps sets "
        + "another)", "the work folder was kept: " + work), JobLog.notes(r));
    assertEquals(List.of("the work folder was kept: " + work), JobLog.warnings(r));

    // Once for all three, as a finished job's row and log take them: each list in its own place.
    JobLog.Finished finished = JobLog.Finished.of(r);
    assertEquals(List.of("image sequence of 12 images (rgba) at 25 fps, the default for an image sequence (Sequence fps sets "
        + "another)", "the work folder was kept: " + work), finished.notes());
    assertEquals(List.of("the work folder was kept: " + work), finished.warnings());
    assertEquals(report, finished.report());
  }

  private static JobSettings settings(String target) {
    return new JobSettings(VideoCodec.H264, "medium", 23, ExecutionMode.PARALLEL, 2, 0, Container.MP4, Path.of("/tmp/out"),
        AudioMode.AUTO, "", target, null);
  }
}
