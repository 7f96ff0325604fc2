package org.framefork.encoder.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.job.EncodeJob;
import org.framefork.encoder.job.JobOptions;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.MediaInfo;
import org.framefork.encoder.probe.Prober;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output's video must last as the source's frames do, the last one's duration included: one
 * picture shown for 3 s (a slide, a title card) comes out lasting 3 s, not 1 ms. Files made by
 * Debian's ffmpeg.
 */
class VideoDurationVerificationTest {
  @TempDir static Path tmp;
  static Path source;
  static MediaInfo info;

  @BeforeAll
  static void source() {
    source = TestMedia.get(TestMedia.SLIDE);
    info = Prober.probe(source);
    assertEquals(3.0, info.video().durationSeconds(), 1e-6, "the source's picture lasts 3 s");
  }

  private static Verification verify(Path out) {
    return Verifier.verify(info, out, true, 0, new PictureFormat(8, null, true));
  }

  @Test
  void aSlideThatKeepsItsDurationPasses() {
    Path mkv = tmp.resolve("ffmpeg.mkv");
    DebianFfmpeg.ffmpeg("-i", source.toString(), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy", mkv.toString());
    Verification v = verify(mkv);
    assertTrue(v.passed(), v.problems()::toString);
  }

  /** The picture lasts 1 ms (a frame of 1000 fps) beside 3 s of sound: one frame, but not the source's 3 s. */
  @Test
  void aSlideThatLastsOneMillisecondFails() {
    Path picture = tmp.resolve("short.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=1000", "-frames:v", "1", "-c:v", "libx264", "-preset",
        "ultrafast", "-pix_fmt", "yuv420p", picture.toString());
    Path mkv = tmp.resolve("short-with-sound.mkv");
    DebianFfmpeg.ffmpeg("-i", picture.toString(), "-i", source.toString(), "-map", "0:v", "-map", "1:a", "-c", "copy",
        mkv.toString());
    Verification v = verify(mkv);
    assertFalse(v.passed(), "a 1 ms picture passed for 3 s");
    assertEquals(java.util.List.of("the output's video lasts 0.001 s, the source's 3.000 s"), v.problems());
    // In MP4, whose end may read a reordered gap, too: one frame has none (the rule first taken let it pass).
    Path mp4 = tmp.resolve("short-with-sound.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=1000", "-i", source.toString(), "-map", "0:v", "-map", "1:a",
        "-frames:v", "1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "copy", mp4.toString());
    Verification inMp4 = verify(mp4);
    assertFalse(inMp4.passed(), "a 1 ms picture in MP4 passed for 3 s");
    assertTrue(inMp4.problems().toString().contains("the output's video lasts 0.001 s, the source's 3.000 s"),
        inMp4.problems()::toString);
  }

  /**
   * A variable-rate MP4 whose last frames are reordered: its last frame shown lasts 1/30 s, but its
   * decode-order duration reads the 0.1 s gap of another. Debian's ffprobe says 12.200 s; FrameFork
   * said 12.267 s, and wrote the output's edit list that long while its decode times ended a frame
   * early (ffprobe: format 12.267 s, stream 12.167 s). The probe, the output and the verify line
   * now all say what ffprobe says of the source.
   */
  @Test
  void aReorderedVariableRateMp4LastsWhatFfprobeSaysInAndOut() {
    Path vfr = tmp.resolve("vfr.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=12.2", "-vf",
        "select='not(eq(mod(n\\,5)\\,3))*not(eq(mod(n\\,7)\\,2))'", "-fps_mode", "vfr", "-c:v", "libx264", "-preset",
        "veryfast", "-g", "20", "-pix_fmt", "yuv420p", vfr.toString());
    String durations = "stream=duration";
    double stated = Double.parseDouble(DebianFfmpeg.probe(vfr, "v:0", durations, false));
    assertEquals(12.2, stated, 1e-6);
    assertEquals(stated, Prober.probe(vfr).video().durationSeconds(), 1e-6);
    Path out = tmp.resolve("vfr-out.mp4");
    JobReport r = new EncodeJob(JobOptions.defaults(vfr, out).withSplit(SplitMode.FIXED, 0, 60)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1)), null).run();
    assertEquals(stated, Double.parseDouble(DebianFfmpeg.probe(out, "v:0", durations, false)), 1e-6);
    assertEquals(stated, Double.parseDouble(DebianFfmpeg.probe(out, null, "format=duration", false)), 1e-6);
    assertEquals(stated, r.verification().outputDurationSeconds(), 1e-6);
    assertEquals(stated, r.verification().sourceDurationSeconds(), 1e-6);
  }

  /**
   * A 30 s gap before the last two frames of a reordered MP4 (x264, 3 B-frames), with 40 s of sound.
   * The joiner once stepped the first decode times back far enough for the last decode time to
   * reach the end: the first packet's dts read -30.133 s, and a reader that ignores the edit list
   * (ffprobe {@code -ignore_editlist 1}) started the video 30.133 s after the sound. Now the first
   * dts is a frame or two before 0, and the video starts and lasts the same with and without the
   * edit list.
   */
  @Test
  void aLongGapBeforeTheLastFramesKeepsTheFirstDecodeTimesNearZero() {
    Path gap = tmp.resolve("gap.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=4", "-f", "lavfi", "-i", "sine=d=40", "-vf",
        "setpts='if(lt(N,118),N/30,(N-118)/30+34)/TB'", "-fps_mode", "passthrough", "-c:v", "libx264", "-preset",
        "veryfast", "-bf", "3", "-pix_fmt", "yuv420p", "-c:a", "aac", gap.toString());
    double end = 34 + 2 / 30.0;
    Path out = tmp.resolve("gap-out.mp4");
    JobReport r = new EncodeJob(JobOptions.defaults(gap, out).withSplit(SplitMode.FIXED, 0, 40)
        .withVideo(new EncodeSettings(VideoCodec.H264, 23, "veryfast", 1)), null).run();
    assertEquals(end, r.verification().sourceDurationSeconds(), 1e-6);
    assertEquals(end, r.verification().outputDurationSeconds(), 1e-6);
    String[] dts = DebianFfmpeg.probe(out, "v:0", "packet=dts_time", false).split("\n");
    assertTrue(Double.parseDouble(dts[0]) > -0.2, "the first dts is " + dts[0] + " s");
    for (boolean editList : new boolean[] {true, false}) {
      String[] video = streamStartAndDuration(out, "v:0", editList);
      String[] audio = streamStartAndDuration(out, "a:0", editList);
      String[] sourceVideo = streamStartAndDuration(gap, "v:0", editList);
      String how = editList ? "with the edit list" : "ignoring the edit list";
      assertEquals(Double.parseDouble(sourceVideo[0]), Double.parseDouble(video[0]), 1e-3, "video start " + how);
      assertEquals(end, Double.parseDouble(video[1]), 1e-3, "video duration " + how);
      assertEquals(0, Double.parseDouble(audio[0]), 1e-3, "audio start " + how);
      assertTrue(Double.parseDouble(video[0]) < 0.1, "video start " + how + ": " + video[0]);
    }
  }

  /** Debian ffprobe's start and duration of a stream, honouring the edit list or ignoring it. */
  private static String[] streamStartAndDuration(Path file, String stream, boolean editList) {
    List<String> args = new ArrayList<>(List.of("-select_streams", stream, "-show_entries", "stream=start_time,duration"));
    if (!editList) {
      args.addAll(0, List.of("-ignore_editlist", "1"));
    }
    JsonNode s = DebianFfmpeg.probeJson(file, args.toArray(String[]::new)).path("streams").path(0);
    return new String[] {s.path("start_time").asText(), s.path("duration").asText()};
  }
}
