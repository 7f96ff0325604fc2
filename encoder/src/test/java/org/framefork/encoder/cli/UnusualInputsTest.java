package org.framefork.encoder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.framefork.encoder.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that real files have and the corpus does not: each found by trying them, each checked by Debian's ffprobe. */
class UnusualInputsTest {
  @TempDir Path dir;

  private static final String PATTERN = "testsrc2=size=320x240:rate=25:duration=2";

  /** The first subtitle stream's cues, as SubRip text from Debian's ffmpeg. */
  private static String cues(Path file) {
    return DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0:s", "-f", "srt",
        "-")).out();
  }

  /**
   * A test pattern of {@code seconds} with the SubRip {@code cues} as a subtitle stream of codec
   * {@code subtitleCodec}, written to {@code name} by Debian's ffmpeg.
   */
  private Path withSubtitles(String name, int seconds, String cues, String subtitleCodec) throws java.io.IOException {
    Path srt = Files.writeString(dir.resolve(name + ".srt"), cues);
    Path in = dir.resolve(name);
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=" + seconds, "-i", srt.toString(), "-c:v",
        "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:s", subtitleCodec, in.toString());
    return in;
  }

  /** When the first subtitle stream's first cue starts, by ffprobe's packets (MP4's 2-byte gap fillers are no cue). */
  private static double firstCueSeconds(Path file) {
    List<String> v = DebianFfmpeg.probe(file, "s:0", "packet=pts_time,size", false).lines().toList();
    for (int i = 0; i + 1 < v.size(); i += 2) {
      if (Integer.parseInt(v.get(i + 1)) > 2) {
        return Double.parseDouble(v.get(i));
      }
    }
    throw new AssertionError(file + " has no cue: " + v);
  }

  private static String probe(Path file, String streams, String entry) {
    return DebianFfmpeg.probe(file, streams, entry, false).lines().findFirst().orElse("");
  }

  @Test
  void anMpegTsThatStartsLateComesOutStartingAtZero() {
    // A broadcast recording's clock starts anywhere: here at 1000 s.
    Path in = dir.resolve("late.ts");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", PATTERN, "-f", "lavfi", "-i", "sine=duration=2", "-c:v", "libx264", "-preset",
        "veryfast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-output_ts_offset", "1000", "-f", "mpegts", in.toString());
    for (String ext : new String[] {"mp4", "mkv"}) {
      Path out = dir.resolve("late." + ext);
      CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--workers", "2", "--preset", "ultrafast", "--quiet");
      assertEquals(0, run.code(), run::toString);
      double duration = Double.parseDouble(probe(out, null, "format=duration"));
      assertTrue(duration < 2.3, ext + ": the file lasts " + duration + " s for 2 s of video and sound");
      assertTrue(Double.parseDouble(probe(out, "v:0", "stream=start_time")) < 0.2, ext + ": video starts at 0");
      assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
      assertEquals("", DebianFfmpeg.decodeErrors(out));
    }
  }

  @Test
  void anMpegTsWhoseClockWrapsAroundKeepsThePicturesBeforeTheWrapAndStaysInSync() {
    // MPEG-TS times are a 33-bit count of 90 kHz ticks: they wrap around every 26.5 hours, here 0.6 s
    // into the file (FFmpeg's muxer adds 1.4 s to the offset given). FFmpeg reads the times before
    // the wrap as negative. A flash at 1.0 s (after the wrap) and a beep 22 ms after it.
    Path in = dir.resolve("wrap.ts");
    double wrap = Math.pow(2, 33) / 90_000;
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=black:s=320x240:r=25:d=2,drawbox=c=white:t=fill:enable='between(n,25,26)'",
        "-f", "lavfi", "-i", "sine=f=1000:d=2,volume=volume=0:enable='lt(t,1.022)+gt(t,1.3)'", "-c:v", "libx264", "-preset",
        "veryfast", "-g", "10", "-pix_fmt", "yuv420p", "-c:a", "aac", "-output_ts_offset", String.format(java.util.Locale.ROOT, "%.3f",
            wrap - 0.6 - 1.4), "-f", "mpegts", in.toString());
    assertTrue(Double.parseDouble(probe(in, "v:0", "stream=start_time")) < -0.5, "the source's clock wraps: its times start below 0");
    double[] src = flashAndBeep(in);
    Path out = dir.resolve("wrap.mp4");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--workers", "2", "--preset", "ultrafast", "--quiet");
    assertEquals(0, run.code(), run::toString);
    assertEquals(DebianFfmpeg.decodedFrames(in), DebianFfmpeg.decodedFrames(out));
    assertEquals("", DebianFfmpeg.decodeErrors(out));
    double videoStart = Double.parseDouble(probe(out, "v:0", "stream=start_time"));
    assertTrue(videoStart < 0.1, "video starts at 0 (or where the audio's priming puts it)");
    double[] o = flashAndBeep(out);
    assertEquals(1.0, o[0] - videoStart, 0.02, "the flash is 1 s in: the 15 pictures before the wrap are all there");
    double lag = (o[1] - o[0]) - (src[1] - src[0]);
    assertTrue(Math.abs(lag) < 0.005, "the beep moved " + lag * 1000 + " ms against the flash");
  }

  /** Samples of the first audio stream, decoded by Debian's ffmpeg at 48 kHz mono. */
  private static long audioSamples(Path file) {
    DebianFfmpeg.Result r = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-map",
        "0:a:0", "-ac", "1", "-ar", "48000", "-f", "s16le", "-c:a", "pcm_s16le", "-y", file + ".raw"));
    assertEquals("", r.err().strip(), "decodes cleanly");
    java.io.File raw = new java.io.File(file + ".raw");
    long samples = raw.length() / 2;
    raw.delete();
    return samples;
  }

  @Test
  void aNameNearTheFileSystemsLimitStillEncodesAndOneOverItIsRefusedUpFront() throws Exception {
    // 236 + ".framefork.mp4" is 250 bytes: a legal output, whose hidden work folder and .part file
    // would be longer than 255 if they carried the whole name.
    String stem = "b".repeat(236);
    Path in = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve(stem + ".mp4"));
    CliRun run = CliRun.of("encode", in.toString(), "--preset", "ultrafast", "--quiet");
    assertEquals(0, run.code(), run::toString);
    Path out = dir.resolve(stem + ".framefork.mp4");
    assertEquals(1, DebianFfmpeg.decodedFrames(out));
    Path longer = Files.copy(in, dir.resolve("c".repeat(245) + ".mp4"));
    CliRun refused = CliRun.of("encode", longer.toString());
    assertEquals(Main.EXIT_USAGE, refused.code(), refused::toString);
    assertTrue(refused.err().contains("longer than the 255 bytes a file name may have"), refused::toString);
  }

  @Test
  void audioResampledForOpusLastsAsLongAsTheSource() {
    // Opus codes at 48 kHz: 44.1 kHz AAC is resampled on the way. It came out one Opus frame (20 ms) long.
    Path in = dir.resolve("aac441.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", PATTERN, "-f", "lavfi", "-i", "sine=f=440:d=2:sample_rate=44100", "-c:v", "libx264",
        "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", in.toString());
    Path out = dir.resolve("aac441.webm");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--codec", "vp9", "--preset", "ultrafast", "--quiet");
    assertEquals(0, run.code(), run::toString);
    long source = audioSamples(in);
    long encoded = audioSamples(out);
    assertTrue(Math.abs(encoded - source) < 96, "source " + source + " samples at 48 kHz, output " + encoded + " (2 ms is 96)");
  }

  @Test
  void nonSquarePixelsKeepTheirShapeInEveryCodecAndContainer() {
    // DVD-style anamorphic 16:9: 720x480 pictures of 32:27 pixels. VP9 and AV1 streams have no field
    // for the pixel shape: only the container can say it.
    Path in = dir.resolve("anamorphic.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=720x480:rate=25:duration=0.4", "-vf", "setsar=32/27", "-c:v", "libx264",
        "-preset", "veryfast", "-pix_fmt", "yuv420p", in.toString());
    for (String[] c : new String[][] {{"vp9", "webm"}, {"vp9", "mp4"}, {"av1", "mkv"}, {"av1", "mp4"}, {"h264", "mkv"}}) {
      Path out = dir.resolve("anamorphic-" + c[0] + "." + c[1]);
      CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--codec", c[0], "--preset", "ultrafast", "--quiet");
      assertEquals(0, run.code(), run::toString);
      String[] dar = probe(out, "v:0", "stream=display_aspect_ratio").split(":");
      assertEquals(2, dar.length, c[0] + " in " + c[1] + ": no display aspect ratio");
      double aspect = Double.parseDouble(dar[0]) / Double.parseDouble(dar[1]);
      // WebM stores a whole display width: 853 for 853.3.
      assertEquals(16.0 / 9, aspect, 0.005, c[0] + " in " + c[1] + " plays at " + dar[0] + ":" + dar[1]);
    }
    // A source whose container alone says it (VP9 in WebM: the display size).
    Path webm = dir.resolve("anamorphic.webm");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=720x480:rate=25:duration=0.4", "-vf", "setsar=32/27", "-c:v", "libvpx-vp9",
        "-deadline", "realtime", "-cpu-used", "8", "-pix_fmt", "yuv420p", webm.toString());
    Path out = dir.resolve("from-webm.mp4");
    CliRun run = CliRun.of("encode", webm.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet");
    assertEquals(0, run.code(), run::toString);
    String[] dar = probe(out, "v:0", "stream=display_aspect_ratio").split(":");
    assertEquals(16.0 / 9, Double.parseDouble(dar[0]) / Double.parseDouble(dar[1]), 0.005, "from webm: " + String.join(":", dar));
  }

  @Test
  void anRgbSourceIsTaggedAsTheYuvItBecomesAndEncodesToEveryCodec() {
    Path in = dir.resolve("rgb.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "png", in.toString());
    assertTrue(probe(in, "v:0", "stream=pix_fmt").startsWith("rgb"), "the source is RGB (PNG pictures)");
    Path h264 = dir.resolve("rgb.mp4");
    CliRun run = CliRun.of("encode", in.toString(), "-o", h264.toString(), "--preset", "ultrafast", "--quiet");
    assertEquals(0, run.code(), run::toString);
    assertEquals("yuv420p", probe(h264, "v:0", "stream=pix_fmt"));
    assertNotEquals("gbr", probe(h264, "v:0", "stream=color_space"), "YUV pictures must not say they are RGB");
    assertEquals(25, DebianFfmpeg.decodedFrames(h264));

    Path vp9 = dir.resolve("rgb.webm");
    CliRun webm = CliRun.of("encode", in.toString(), "-o", vp9.toString(), "--codec", "vp9", "--preset", "ultrafast", "--quiet");
    assertEquals(0, webm.code(), webm::toString);
    assertEquals(25, DebianFfmpeg.decodedFrames(vp9));
    assertEquals("", DebianFfmpeg.decodeErrors(vp9));
  }

  @Test
  void aFileNameWithAColonIsAFileNotAProtocol() throws Exception {
    Path in = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve("2024-01-01T12:30.mp4"));
    Path http = Files.copy(TestMedia.get(TestMedia.SINGLE_FRAME), dir.resolve("http:clip.mp4"));
    for (Path p : new Path[] {in, http}) {
      CliRun probe = CliRun.of("probe", p.toString());
      assertEquals(0, probe.code(), probe::toString);
      Path out = dir.resolve("out:" + p.getFileName());
      CliRun run = CliRun.of("encode", p.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet");
      assertEquals(0, run.code(), run::toString);
      // Debian's ffprobe reads the name as a protocol too, unless told it is a file.
      assertEquals(1, DebianFfmpeg.decodedFrames(Path.of("file:" + out.toAbsolutePath())));
    }
  }

  @Test
  void multichannelPcmIntoMp4BecomesAacUnderAuto() {
    Path in = dir.resolve("pcm51.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", PATTERN, "-f", "lavfi", "-i", "sine=duration=2:sample_rate=48000", "-ac", "6",
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "pcm_s24le", in.toString());
    Path out = dir.resolve("pcm51.mp4");
    Path report = dir.resolve("pcm51.json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet",
        "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals("aac", probe(out, "a:0", "stream=codec_name"));
    assertEquals("6", probe(out, "a:0", "stream=channels"));
    assertEquals("", DebianFfmpeg.decodeErrors(out));
    assertEquals(List.of("the pcm_s24le audio was encoded to AAC (few players read PCM in mp4; mkv keeps it as it is)"),
        notes(report));
  }

  @Test
  void autoAudioThatTheContainerCannotHoldIsEncodedAndSaysSo() {
    Path in = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path out = dir.resolve("aac.webm");
    Path report = dir.resolve("aac.json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--codec", "vp9", "--preset", "ultrafast",
        "--quiet", "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals("opus", probe(out, "a:0", "stream=codec_name"));
    assertEquals(List.of("the aac audio was encoded to Opus (webm cannot hold it)"), notes(report));
    Path copied = dir.resolve("aac.mkv");
    Path copiedReport = dir.resolve("aac-mkv.json");
    assertEquals(0, CliRun.of("encode", in.toString(), "-o", copied.toString(), "--preset", "ultrafast", "--quiet",
        "--report", copiedReport.toString()).code());
    assertEquals("aac", probe(copied, "a:0", "stream=codec_name"));
    assertEquals(List.of(), notes(copiedReport), "a copy needs no note");
  }

  /** Several audio streams encoded: each note names its stream, else they read as one said twice. */
  @Test
  void eachAudioStreamEncodedForWebmIsNamed() {
    Path in = dir.resolve("two-aac.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", PATTERN, "-f", "lavfi", "-i", "sine=duration=2:sample_rate=48000", "-map", "0:v",
        "-map", "1:a", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-metadata:s:a:0", "language=eng", "-shortest", in.toString());
    Path out = dir.resolve("two-aac.webm");
    Path report = dir.resolve("two-aac.json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--codec", "vp9", "--preset", "ultrafast",
        "--quiet", "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals(List.of("opus", "opus"), DebianFfmpeg.probe(out, "a", "stream=codec_name", false).lines().toList());
    assertEquals(List.of("the aac audio (stream 1, eng) was encoded to Opus (webm cannot hold it)",
        "the aac audio (stream 2) was encoded to Opus (webm cannot hold it)"), notes(report));
  }

  /**
   * The source's timecode (its first frame's time) is kept, as Debian's ffprobe reads it: a QuickTime
   * timecode track's goes into a Matroska file's TIMECODE tag, and that tag into an MP4's timecode
   * track, as does a timecode track's own; nothing is said to be left out.
   */
  @Test
  void aSourcesTimecodeIsKept() {
    Path mov = dir.resolve("timecode.mov");
    DebianFfmpeg.ffmpeg("-i", TestMedia.get(TestMedia.H264_BFRAMES_AAC).toString(), "-c", "copy", "-timecode", "01:00:00:00",
        mov.toString());
    assertEquals("tmcd", probe(mov, "2", "stream=codec_tag_string"));
    Path mkv = encodedWithoutNotes(mov, "timecode.mkv");
    JsonNode tags = DebianFfmpeg.probeJson(mkv, "-show_entries", "format_tags").path("format").path("tags");
    assertEquals("01:00:00:00", tags.path("TIMECODE").asText(), tags::toString);
    for (Path mp4 : List.of(encodedWithoutNotes(mov, "timecode.mp4"), encodedWithoutNotes(mkv, "timecode-from-mkv.mp4"))) {
      JsonNode track = DebianFfmpeg.probeJson(mp4, "-select_streams", "d", "-show_entries", "stream=codec_tag_string:stream_tags")
          .path("streams").path(0);
      assertEquals("tmcd", track.path("codec_tag_string").asText(), track::toString);
      assertEquals("01:00:00:00", track.path("tags").path("timecode").asText(), track::toString);
    }
  }

  /**
   * A recording cut inside a group of pictures, with a timecode: the probe leaves out the 49
   * pictures before the first keyframe, so the output's first frame is the source's 50th and its
   * timecode is moved on by 49 frames, a drop-frame one skipping the numbers drop-frame skips
   * (00:00:59;29 is followed by 00:01:00;02). It kept the source's time, 49 frames early.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} fps, {1} -> {2}")
  @org.junit.jupiter.params.provider.CsvSource({"25, 10:00:00:00, 10:00:01:24, mp4", "30000/1001, 00:00:59;20, 00:01:01;11, mkv"})
  void aTimecodeIsMovedOnByTheLeadLeftOut(String rate, String timecode, String moved, String container) {
    Path ts = DebianFfmpeg.mpegTsCutInsideAGop(dir.resolve("cut.ts"), "r=" + rate + ":d=4", 50, 0);
    Path mkv = dir.resolve("lead.mkv");
    // -copyinkf: a stream copy would otherwise leave out the packets before the first keyframe.
    DebianFfmpeg.ffmpeg("-i", ts.toString(), "-c", "copy", "-copyinkf", "-metadata", "timecode=" + timecode, mkv.toString());
    Path out = dir.resolve("lead-out." + container);
    CliRun run = CliRun.of("encode", mkv.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet");
    assertEquals(0, run.code(), run::toString);
    long[] packetsAndFrames = DebianFfmpeg.packetsAndFrames(mkv);
    assertEquals(49, packetsAndFrames[0] - packetsAndFrames[1], "the lead Debian's decoder leaves out");
    assertEquals(packetsAndFrames[1], DebianFfmpeg.decodedFrames(out));
    JsonNode tags = container.equals("mkv")
        ? DebianFfmpeg.probeJson(out, "-show_entries", "format_tags").path("format").path("tags").path("TIMECODE")
        : DebianFfmpeg.probeJson(out, "-select_streams", "d", "-show_entries", "stream_tags").path("streams").path(0).path("tags")
            .path("timecode");
    assertEquals(moved, tags.asText());
  }

  /** {@code in} encoded to {@code name} in the test's folder, with no note in its report. */
  private Path encodedWithoutNotes(Path in, String name) {
    Path out = dir.resolve(name);
    Path report = dir.resolve(name + ".json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet",
        "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals(List.of(), notes(report));
    return out;
  }

  /**
   * An MPEG-TS of two programs (two channels, each on its own clock, the second 30 s later): the
   * output is the first video's program, its picture and its sound only, and says what it left out.
   */
  @Test
  void anMpegTsOfTwoProgramsKeepsTheSoundOfTheVideosProgramOnly() throws Exception {
    Path in = dir.resolve("twoprog.ts");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3", "-f", "lavfi", "-i",
        "sine=frequency=440:duration=3", "-itsoffset", "30", "-f", "lavfi", "-i", "smptebars=size=320x240:rate=25:duration=3",
        "-itsoffset", "30", "-f", "lavfi", "-i", "sine=frequency=880:duration=3", "-map", "0:v", "-map", "1:a", "-map", "2:v",
        "-map", "3:a", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-program", "title=One:st=0:st=1", "-program", "title=Two:st=2:st=3", in.toString());
    assertEquals("1\n2", DebianFfmpeg.probe(in, null, "program=program_id", false));
    CliRun probed = CliRun.of("probe", in.toString());
    assertTrue(probed.out().matches("(?s).*programs +2;.*"), probed::toString);
    assertTrue(probed.out().contains("audio #1") && !probed.out().contains("audio #3"), probed::toString);
    Path out = dir.resolve("twoprog.mp4");
    Path report = dir.resolve("twoprog.json");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "-j", "2", "--preset", "ultrafast", "--quiet",
        "--report", report.toString());
    assertEquals(0, run.code(), run::toString);
    assertEquals(List.of("second video stream 2 (h264) was left out", "audio stream 3 (aac) of another program was left out"),
        notes(report));
    assertEquals("video\naudio", DebianFfmpeg.probe(out, null, "stream=codec_type", false));
    assertTrue(Double.parseDouble(probe(out, "a:0", "stream=start_time")) < 0.1, "the sound starts with the picture");
    double duration = Double.parseDouble(probe(out, null, "format=duration"));
    assertTrue(duration < 3.2, "the file lasts " + duration + " s for 3 s of picture and sound");
    assertEquals(75, DebianFfmpeg.decodedFrames(out));
    assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile()).path("results").path(0).path("report")
        .path("verification").path("passed").asBoolean());
  }

  /**
   * An MPEG-TS whose one video is in two programs, one per language (English, German sound): the
   * output keeps the sound of both, and says nothing was left out; with {@code --audio none} it
   * says nothing of the sound it was asked to leave out.
   */
  @Test
  void anMpegTsOfOneVideoInTwoProgramsKeepsTheSoundOfBoth() throws Exception {
    Path in = dir.resolve("languages.ts");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i",
        "sine=frequency=440:duration=2", "-f", "lavfi", "-i", "sine=frequency=880:duration=2", "-map", "0:v", "-map", "1:a",
        "-map", "2:a", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=deu",
        "-program", "title=English:st=0:st=1", "-program", "title=Deutsch:st=0:st=2", in.toString());
    assertEquals("1\n2", DebianFfmpeg.probe(in, null, "program=program_id", false));
    assertEquals(List.of(), leftOutNotes(in, "languages"));
    Path out = dir.resolve("languages.mkv");
    assertEquals("video\naudio\naudio", DebianFfmpeg.probe(out, null, "stream=codec_type", false));
    assertEquals("eng\ndeu", DebianFfmpeg.probe(out, "a", "stream_tags=language", false));
    assertEquals(50, DebianFfmpeg.decodedFrames(out));

    assertEquals(List.of(), leftOutNotes(in, "silent", "--audio", "none"));
    Path silent = dir.resolve("silent.mkv");
    assertEquals("video", DebianFfmpeg.probe(silent, null, "stream=codec_type", false));
  }

  /**
   * An MPEG-TS whose video's program has no sound, and another program has: the other program's
   * audio is noted as left out, but not with {@code --audio none}, which asked for no audio at all.
   */
  @Test
  void audioNoneNotesNoOtherProgramsAudioWhereTheVideosProgramHasNone() throws Exception {
    Path in = dir.resolve("radio.ts");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=2", "-f", "lavfi", "-i",
        "sine=frequency=440:duration=2", "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-program", "title=Picture:st=0", "-program", "title=Radio:st=1", in.toString());
    assertEquals("1\n2", DebianFfmpeg.probe(in, null, "program=program_id", false));
    assertEquals(List.of("audio stream 1 (aac) of another program was left out"), leftOutNotes(in, "picture"));
    assertEquals(List.of(), leftOutNotes(in, "picture-silent", "--audio", "none"));
    Path silent = dir.resolve("picture-silent.mkv");
    assertEquals("video", DebianFfmpeg.probe(silent, null, "stream=codec_type", false));
    assertEquals(50, DebianFfmpeg.decodedFrames(silent));
  }

  /** Encodes {@code in} to NAME.mkv with {@code options} (it must succeed): its report's "left out" notes. */
  private List<String> leftOutNotes(Path in, String name, String... options) {
    Path report = dir.resolve(name + ".json");
    CliRun run = CliRun.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("encode", in.toString(), "-o",
        dir.resolve(name + ".mkv").toString(), "--preset", "ultrafast", "--quiet", "--report", report.toString()),
        java.util.stream.Stream.of(options)).toArray(String[]::new));
    assertEquals(0, run.code(), run::toString);
    return notes(report).stream().filter(n -> n.contains("left out")).toList();
  }

  /** The notes of the first result of a --report document. */
  private static List<String> notes(Path report) {
    try {
      List<String> notes = new java.util.ArrayList<>();
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile()).path("results").path(0).path("report")
          .path("notes").forEach(n -> notes.add(n.asText()));
      return notes;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Containers whose packets carry decode times only (AVI) or only for some pictures (MPEG-PS, and
   * MPEG-2 in MPEG-TS: the I and P pictures), with B-frames: every picture once, in its place.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"h264.avi", "mpeg2.mpg", "mpeg2.ts"})
  void bFramesInContainersWithoutPresentationTimesKeepEveryPicture(String name) {
    Path in = dir.resolve(name);
    String codec = name.startsWith("h264") ? "libx264" : "mpeg2video";
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=3", "-c:v", codec, "-bf", "2", "-g", "12",
        "-pix_fmt", "yuv420p", in.toString());
    long frames = DebianFfmpeg.decodedFrames(in);
    assertEquals(75, frames);
    CliRun probe = CliRun.of("probe", in.toString());
    assertTrue(probe.out().contains("constant, 75 frames"), probe.out());
    // fixed 37: the last chunk is the last frame alone, which the decoder hands out without a time.
    for (String split : new String[] {"none", "keyframes", "fixed"}) {
      Path out = dir.resolve(name + "." + split + ".mkv");
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("encode", in.toString(), "-o", out.toString(),
          "--split", split, "--workers", "2", "--preset", "ultrafast", "--quiet", "--no-tail-split"));
      if (split.equals("fixed")) {
        args.addAll(java.util.List.of("--chunk-frames", "37"));
      }
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(0, run.code(), run::toString);
      assertEquals(frames, DebianFfmpeg.decodedFrames(out), split);
      // Each output picture against the source picture in its place: a picture out of place would
      // show as a frame of another moment of the moving pattern.
      // Both start at their first picture (an AVI's pictures start a reorder delay late, in FFmpeg
      // as here, while the file starts at 0, and FFmpeg's command line shifts each input by its start).
      DebianFfmpeg.Result r = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "info", "-i", out.toString(), "-i",
          in.toString(), "-lavfi", "[0:v]setpts=PTS-STARTPTS[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]psnr", "-f", "null", "-"));
      String line = r.err().lines().filter(l -> l.contains("PSNR ") && l.contains("min:")).findFirst().orElseThrow(() -> new AssertionError(r.err()));
      double min = Double.parseDouble(line.substring(line.indexOf("min:") + 4).trim().split(" ")[0]);
      assertTrue(min > 35, split + ": the worst picture is " + min + " dB from its source picture: " + line);
    }
  }

  @Test
  void textSubtitlesAreConvertedForContainersThatCannotHoldThemAndTheReportSaysSo() throws Exception {
    Path av = dir.resolve("av.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", PATTERN, "-f", "lavfi", "-i", "sine=duration=2", "-c:v", "libx264", "-preset",
        "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", av.toString());
    Path srt = Files.writeString(dir.resolve("cues.srt"), "1\n00:00:00,500 --> 00:00:01,500\nHello there\n");
    Path in = dir.resolve("subs.mkv");
    DebianFfmpeg.ffmpeg("-i", av.toString(), "-i", srt.toString(), "-map", "0", "-map", "1", "-c", "copy", "-c:s", "srt",
        "-metadata:s:s:0", "language=fra", in.toString());
    String sourceCues = cues(in);
    assertTrue(sourceCues.contains("Hello there"), sourceCues);
    for (String[] c : new String[][] {{"mp4", "h264", "mov_text"}, {"webm", "vp9", "webvtt"}}) {
      Path out = dir.resolve("subs." + c[0]);
      Path report = dir.resolve("subs-" + c[0] + ".json");
      CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--codec", c[1], "--preset", "ultrafast", "--quiet",
          "--report", report.toString());
      assertEquals(0, run.code(), run::toString);
      assertEquals(c[2], probe(out, "s:0", "stream=codec_name"));
      assertEquals("fra", probe(out, "s:0", "stream_tags=language"));
      String cues = cues(out);
      assertTrue(cues.contains("Hello there"), c[0] + ": " + cues);
      // The cue keeps its time to the millisecond, by ffprobe's packets (ffmpeg's SubRip above is
      // 7 ms late from webm: it counts from the file's start, Opus's priming at -7 ms).
      assertEquals(firstCueSeconds(in), firstCueSeconds(out), 0.0005, c[0]);
      String json = Files.readString(report);
      assertTrue(json.contains("was converted to " + c[2]), json);
    }
  }

  /**
   * Chapters of a Matroska source and of an MP4 one, into both containers. An MP4's chapters are a
   * text track of their own, which FFmpeg reads as the chapters and as a data stream: that stream is
   * not said to be left out.
   */
  @Test
  void chaptersAreKept() throws Exception {
    Path av = TestMedia.get(TestMedia.H264_BFRAMES_AAC);
    Path meta = Files.writeString(dir.resolve("chapters.txt"), ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\n"
        + "title=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=Second part\n");
    for (String from : new String[] {"mkv", "mp4"}) {
      Path in = dir.resolve("with-chapters." + from);
      DebianFfmpeg.ffmpeg("-i", av.toString(), "-i", meta.toString(), "-map", "0", "-map_chapters", "1", "-c", "copy", in.toString());
      for (String ext : new String[] {"mkv", "mp4"}) {
        Path out = dir.resolve("chapters-" + from + "." + ext);
        Path report = dir.resolve("chapters-" + from + "-" + ext + ".json");
        CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet",
            "--report", report.toString());
        assertEquals(0, run.code(), run::toString);
        java.util.List<String> chapters = new java.util.ArrayList<>();
        DebianFfmpeg.probeJson(out, "-show_entries", "chapter=start_time,end_time:chapter_tags=title").path("chapters")
            .forEach(c -> chapters.add(c.path("start_time").asText() + "," + c.path("end_time").asText() + ","
                + c.path("tags").path("title").asText()));
        assertEquals(java.util.List.of("0.000000,1.000000,Opening", "1.000000,2.000000,Second part"), chapters, from + " to " + ext);
        List<String> notes = notes(report);
        assertTrue(notes.stream().noneMatch(n -> n.contains("left out")), from + " to " + ext + ": " + notes);
      }
    }
  }

  /**
   * Times (s) at which the picture turns white, and at which the sound starts after silence, as
   * Debian's ffmpeg sees them. One run reads both streams, so both are on the timeline a player uses
   * (for MPEG-TS, ffmpeg starts a stream read on its own at its own first time).
   */
  static double[] flashAndBeep(Path file) {
    Path stats;
    try {
      stats = Files.createTempFile("signalstats", ".txt");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try {
      DebianFfmpeg.Result r = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-i", file.toString(),
          "-map", "0:v:0", "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=" + stats, "-f", "null", "-",
          "-map", "0:a:0", "-af", "silencedetect=n=-30dB:d=0.02", "-f", "null", "-"));
      double flash = Double.NaN;
      double t = Double.NaN;
      for (String line : Files.readAllLines(stats)) {
        if (line.contains("pts_time:")) {
          t = Double.parseDouble(line.substring(line.indexOf("pts_time:") + 9).trim().split("\\s+")[0]);
        } else if (line.contains("YAVG=") && Double.parseDouble(line.substring(line.indexOf('=') + 1)) > 100) {
          flash = t;
          break;
        }
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("silence_end: ([0-9.]+)").matcher(r.err());
      double beep = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
      return new double[] {flash, beep};
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      stats.toFile().delete();
    }
  }

  @Test
  void encodedAudioIsHeardWhereTheSourcesIsAgainstThePicture() {
    // A white flash at 1 s and a beep 22 ms after it; AAC source audio, so the codec's priming is in play.
    Path in = dir.resolve("sync.mp4");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=black:s=320x240:r=25:d=3,drawbox=c=white:t=fill:enable='between(n,25,26)'",
        "-f", "lavfi", "-i", "sine=f=1000:d=3,volume=volume=0:enable='lt(t,1.022)+gt(t,1.3)'", "-c:v", "libx264", "-preset",
        "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", in.toString());
    double[] src = flashAndBeep(in);
    assertTrue(Math.abs(src[0] - 1.0) < 0.05 && src[1] > src[0], java.util.Arrays.toString(src));
    for (String[] c : new String[][] {{"webm", "--codec", "vp9"}, {"mkv", "--audio", "aac"}, {"mp4", "--audio", "opus"}}) {
      Path out = dir.resolve("sync-out." + c[0]);
      CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), c[1], c[2], "--preset", "ultrafast", "--quiet");
      assertEquals(0, run.code(), run::toString);
      double[] o = flashAndBeep(out);
      double lag = (o[1] - o[0]) - (src[1] - src[0]);
      assertTrue(Math.abs(lag) < 0.005, c[0] + " " + c[2] + ": the beep moved " + lag * 1000 + " ms against the flash");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"pcm_mulaw:mkv:8000", "pcm_mulaw:mkv:48000", "pcm_alaw:mov:8000"})
  void eightKilohertzTelephoneAudioIsKeptInSync(String variant) {
    // G.711 at 8 kHz: AAC's 1024-sample priming is 128 ms there, three frames of video, and its
    // packets end wherever the source's sound was cut (made at 8 kHz, or resampled from 48).
    String[] v = variant.split(":");
    Path in = dir.resolve("g711-" + v[2] + "." + v[1]);
    // A white flash at 1 s and a beep from 1 s, so that sync is measured, not only verified.
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=black:s=320x240:r=25:d=3,drawbox=c=white:t=fill:enable='between(n,25,26)'",
        "-f", "lavfi", "-i", "sine=f=1000:duration=3:sample_rate=" + v[2] + ",volume=volume=0:enable='lt(t,1)+gt(t,1.4)'",
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", v[0], "-ar", "8000", in.toString());
    double[] src = flashAndBeep(in);
    for (String ext : new String[] {"mkv", "mp4"}) {
      Path out = dir.resolve("g711-" + v[2] + "-out." + ext);
      CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet", "--workers", "2");
      assertEquals(0, run.code(), run::toString);
      assertEquals("8000", probe(out, "a:0", "stream=sample_rate"));
      assertEquals("", DebianFfmpeg.decodeErrors(out));
      double[] o = flashAndBeep(out);
      double lag = (o[1] - o[0]) - (src[1] - src[0]);
      assertTrue(Math.abs(lag) < 0.005, variant + " -> " + ext + ": the beep moved " + lag * 1000 + " ms against the flash");
    }
  }

  @Test
  void whatEncodingChangesOnItsOwnIsSaidInTheReport() throws Exception {
    Path odd = dir.resolve("odd.mkv");
    // FFV1 keeps an odd size (x264 itself would crop it).
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-vf", "scale=321:241", "-c:v", "ffv1",
        "-pix_fmt", "yuv444p", odd.toString());
    assertEquals("321", probe(odd, "v:0", "stream=width"));
    Path interlaced = dir.resolve("interlaced.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1", "-c:v", "libx264", "-preset", "veryfast",
        "-pix_fmt", "yuv420p", "-flags", "+ildct+ilme", "-field_order", "tt", interlaced.toString());
    assertEquals("tt", probe(interlaced, "v:0", "stream=field_order"));

    CliRun a = CliRun.of("encode", odd.toString(), "-o", dir.resolve("odd-out.mp4").toString(), "--preset", "ultrafast");
    assertEquals(0, a.code(), a::toString);
    assertTrue(a.out().contains("note      the picture was cropped from 321x241 to 320x240"), a.out());
    assertTrue(a.out().contains("note      the source's pictures are yuv444p; they were encoded as 8-bit 4:2:0"), a.out());
    assertEquals("yuv420p", probe(dir.resolve("odd-out.mp4"), "v:0", "stream=pix_fmt"));
    assertEquals("320", probe(dir.resolve("odd-out.mp4"), "v:0", "stream=width"));
    // Cropped, as the note says, not resampled: the picture matches the source's top-left 320x240.
    DebianFfmpeg.Result r = DebianFfmpeg.run(java.util.List.of("ffmpeg", "-nostdin", "-v", "info", "-i",
        dir.resolve("odd-out.mp4").toString(), "-i", odd.toString(), "-lavfi", "[1:v]crop=320:240:0:0,format=yuv420p[b];[0:v][b]psnr",
        "-f", "null", "-"));
    java.util.regex.Matcher y = java.util.regex.Pattern.compile("PSNR y:([0-9.]+)").matcher(r.err());
    assertTrue(y.find() && Double.parseDouble(y.group(1)) > 40, r.err());

    CliRun b = CliRun.of("encode", interlaced.toString(), "-o", dir.resolve("i-out.mp4").toString(), "--preset", "ultrafast");
    assertEquals(0, b.code(), b::toString);
    assertTrue(b.out().contains("note      the source is interlaced (field order tt)"), b.out());
    assertTrue(!b.out().contains("the source's pictures are"), "a yuv420p source keeps its format: " + b.out());
    CliRun p = CliRun.of("probe", interlaced.toString());
    assertTrue(p.out().contains("interlaced (field order tt)"), p.out());
  }

  @Test
  void subtitleCuesThatShareATimeAreAllKept() throws Exception {
    Path in = withSubtitles("two.mkv", 3, "1\n00:00:00,500 --> 00:00:01,500\nSpeaker A\n\n"
        + "2\n00:00:00,500 --> 00:00:02,000\nSpeaker B\n\n3\n00:00:02,000 --> 00:00:02,800\nThird\n", "srt");
    for (String ext : new String[] {"mkv", "mp4"}) {
      Path out = dir.resolve("two-out." + ext);
      CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast");
      assertEquals(0, run.code(), run::toString);
      assertTrue(!run.out().contains("damaged"), run.out());
      String cues = cues(out);
      for (String text : new String[] {"Speaker A", "Speaker B", "Third"}) {
        assertTrue(cues.contains(text), ext + ": " + text + " missing from\n" + cues);
      }
    }
  }

  @Test
  void aCueThatOutlastsTheVideoEndsWithIt() throws Exception {
    // A cue "until further notice" (FFmpeg's DVD subtitle encoder writes 2^32-1 ms; this one runs
    // 999 hours), which the MP4 muxer refused at the next write and so failed the whole job.
    Path in = withSubtitles("open.mkv", 2, "1\n00:00:00,500 --> 999:00:00,000\nHello\n", "srt");
    for (String ext : new String[] {"mp4", "mkv"}) {
      Path out = dir.resolve("open-out." + ext);
      CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast", "--quiet");
      assertEquals(0, run.code(), run::toString);
      assertEquals(50, DebianFfmpeg.decodedFrames(out));
      String cues = cues(out);
      assertTrue(cues.contains("00:00:00,500 --> 00:00:02,"), ext + ": the cue ends with the video:\n" + cues);
    }
  }

  @Test
  void mp4TimedTextBecomesSubRipInMatroskaAndWhatIsLeftOutIsSaid() throws Exception {
    Path in = withSubtitles("timed.mp4", 2, "1\n00:00:00,500 --> 00:00:01,500\nTimed text\n", "mov_text");
    Path out = dir.resolve("timed.mkv");
    CliRun run = CliRun.of("encode", in.toString(), "-o", out.toString(), "--preset", "ultrafast");
    assertEquals(0, run.code(), run::toString);
    assertEquals("subrip", probe(out, "s:0", "stream=codec_name"));
    assertTrue(cues(out).contains("00:00:00,500 --> 00:00:01,500\nTimed text"), cues(out));
    // The MP4 muxer fills the half second before the cue with an empty sample: no cue, and no damage.
    assertTrue(run.out().contains("was converted to srt for mkv"), run.out());
    assertTrue(!run.out().contains("damaged"), run.out());

    Path attached = dir.resolve("attached.mkv");
    Path font = Files.writeString(dir.resolve("notes.txt"), "not a font");
    DebianFfmpeg.ffmpeg("-i", TestMedia.get(TestMedia.SINGLE_FRAME).toString(), "-c", "copy", "-attach", font.toString(),
        "-metadata:s:t", "mimetype=text/plain", attached.toString());
    Path out2 = dir.resolve("attached-out.mkv");
    CliRun run2 = CliRun.of("encode", attached.toString(), "-o", out2.toString(), "--preset", "ultrafast");
    assertEquals(0, run2.code(), run2::toString);
    assertTrue(run2.out().contains("note      attachment 1 ("), run2.out());
  }
}
