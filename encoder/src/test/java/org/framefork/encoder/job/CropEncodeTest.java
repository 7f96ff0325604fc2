package org.framefork.encoder.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.framefork.encoder.encode.Container;
import org.framefork.encoder.encode.EncodeSettings;
import org.framefork.encoder.encode.PictureFormat;
import org.framefork.encoder.encode.VideoCodec;
import org.framefork.encoder.encode.filter.CropDetect;
import org.framefork.encoder.encode.filter.FilterChain;
import org.framefork.encoder.encode.filter.FrameSize;
import org.framefork.encoder.media.Rational;
import org.framefork.encoder.plan.ExecutionMode;
import org.framefork.encoder.plan.SplitMode;
import org.framefork.encoder.probe.FrameIndex;
import org.framefork.encoder.probe.InputException;
import org.framefork.encoder.report.JobReport;
import org.framefork.encoder.source.ProbedSource;
import org.framefork.encoder.testing.DebianFfmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A letterboxed clip made by Debian's ffmpeg ({@code pad=}: 320x180 of picture in 320x240, 30 rows
 * of black above and below), cropped by {@code --vf crop=} and checked against Debian's ffmpeg's
 * own {@code crop=} of the same source: frame for frame identical at 8 bits (x264 at CRF 0 is
 * lossless there), within the codec's noise at 10 bits (x264's CRF 0 is not lossless at 10 bits:
 * FFmpeg's own crop through it scores 62.7 dB against its input).
 */
class CropEncodeTest {
  /**
   * PSNR (all planes) of the 10-bit crop, through x264 at CRF 0, against FFmpeg's crop of the same
   * source. Measured on 2026-12-07: Debian ffmpeg's crop through Debian's x264 CRF 0 at 10 bits
   * scores 62.7 dB against its input; the same reference two rows off scores 22 dB.
   */
  private static final double MIN_TEN_BIT_PSNR = 55;

  @TempDir Path dir;

  private static JobOptions options(Path in, Path out, int depth, String vf) {
    // Fixed chunks of 10 frames against keyframes every 12: most chunks start between keyframes.
    return JobOptions.defaults(in, out)
        .withOutput(out, Container.MKV)
        .withVideo(new EncodeSettings(VideoCodec.H264, 0, "ultrafast", 1, PictureFormat.requested(depth)))
        .withFilters(FilterChain.parse(vf))
        .withSplit(SplitMode.FIXED, 0, 10)
        .withMode(ExecutionMode.PARALLEL, 2);
  }

  /** 2 s at 25 fps of testsrc2 (320x180) padded with black bars to 320x240, at {@code depth} bits. */
  private Path letterboxed(int depth) {
    Path src = dir.resolve("letterboxed" + depth + ".mkv");
    String format = depth == 8 ? "yuv420p" : "yuv420p10le";
    List<String> codec = depth == 8 ? List.of("-c:v", "libx264", "-crf", "10", "-g", "12")
        : List.of("-c:v", "libx265", "-crf", "10", "-x265-params", "log-level=error:keyint=12");
    List<String> args = new java.util.ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2",
        "-vf", "pad=320:240:0:30,format=" + format));
    args.addAll(codec);
    args.add(src.toString());
    DebianFfmpeg.ffmpeg(args.toArray(String[]::new));
    return src;
  }

  /** Every frame of {@code file}, after Debian's ffmpeg's filter {@code vf} (or none), as raw {@code format}. */
  private byte[] decoded(Path file, String vf, String format) throws IOException {
    Path raw = dir.resolve(file.getFileName() + "." + vf.replaceAll("[^a-z0-9]", "_") + ".yuv");
    List<String> args = new java.util.ArrayList<>(List.of("-i", file.toString()));
    if (!vf.isEmpty()) {
      args.addAll(List.of("-vf", vf));
    }
    args.addAll(List.of("-f", "rawvideo", "-pix_fmt", format, raw.toString()));
    DebianFfmpeg.ffmpeg(args.toArray(String[]::new));
    return Files.readAllBytes(raw);
  }

  private static void assertSize(Path file, int width, int height) {
    assertEquals(String.valueOf(width), DebianFfmpeg.probe(file, "v:0", "stream=width", false), file::toString);
    assertEquals(String.valueOf(height), DebianFfmpeg.probe(file, "v:0", "stream=height", false), file::toString);
  }

  @Test
  void croppedBarsAreFrameForFrameFfmpegsCropAtEightBits() throws IOException {
    Path in = letterboxed(8);
    // Centred (the default), given by name with odd values (rounded down to even), and off-centre.
    for (String[] c : new String[][] {{"crop=320:180", "crop=320:180:0:30"}, {"crop=w=321:h=181:x=1:y=31", "crop=320:180:0:30"},
        {"crop=200:100:60:40", "crop=200:100:60:40"}}) {
      Path out = dir.resolve("cropped.mkv");
      Files.deleteIfExists(out);
      JobReport r = new EncodeJob(options(in, out, 0, c[0]), null).run();
      String[] wh = c[1].substring(5).split(":");
      assertSize(out, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
      assertEquals(Integer.parseInt(wh[0]), r.output().width());
      assertEquals(50, DebianFfmpeg.decodedFrames(out));
      byte[] ours = decoded(out, "", "yuv420p");
      byte[] ffmpegs = decoded(in, c[1], "yuv420p");
      assertEquals(ffmpegs.length, ours.length, c[0]);
      assertArrayEquals(ffmpegs, ours, c[0] + " against ffmpeg's " + c[1]);
    }
  }

  @Test
  void cropAndScaleInEitherOrderAreEachFilterInTurn() throws IOException {
    Path in = letterboxed(8);
    // Crop then scale: our scale of the picture Debian's ffmpeg cropped (losslessly), frame for frame.
    Path cropped = dir.resolve("ffmpeg-cropped.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "crop=320:180:0:30", "-c:v", "libx264", "-crf", "0", cropped.toString());
    Path scaledCrop = dir.resolve("scaled-crop.mkv");
    new EncodeJob(options(in, scaledCrop, 0, "crop=320:180,scale=160:-1"), null).run();
    Path scaledOnly = dir.resolve("scaled-only.mkv");
    new EncodeJob(options(cropped, scaledOnly, 0, "scale=160:-1"), null).run();
    assertSize(scaledCrop, 160, 90);
    assertArrayEquals(decoded(scaledOnly, "", "yuv420p"), decoded(scaledCrop, "", "yuv420p"), "crop, then scale");

    // Scale then crop: Debian's ffmpeg's crop of our scale, frame for frame; centred in the 160x120 picture.
    Path scaled = dir.resolve("scaled.mkv");
    new EncodeJob(options(in, scaled, 0, "scale=160:120"), null).run();
    Path croppedScale = dir.resolve("cropped-scale.mkv");
    new EncodeJob(options(in, croppedScale, 0, "scale=160:120,crop=160:90"), null).run();
    assertSize(croppedScale, 160, 90);
    assertArrayEquals(decoded(scaled, "crop=160:90:0:14", "yuv420p"), decoded(croppedScale, "", "yuv420p"),
        "scale, then crop: (120 - 90) / 2 = 15, down to even");
  }

  private static String sar(Path file) {
    return DebianFfmpeg.probe(file, "v:0", "stream=sample_aspect_ratio", false);
  }

  @Test
  void aCropKeepsThePixelShapeAsFfmpegsCropDoes() {
    Path in = letterboxed(8);
    // Square pixels stay square after a crop (to 16:9), and after a crop then an even scale.
    for (String vf : List.of("crop=320:180", "crop=auto", "crop=320:180,scale=160:-1")) {
      Path out = dir.resolve("square-" + vf.length() + ".mkv");
      Path ffmpegs = dir.resolve("square-ffmpeg-" + vf.length() + ".mkv");
      new EncodeJob(options(in, out, 0, vf), null).run();
      DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", vf.replace("crop=auto", "crop=320:180:0:30"), "-c:v",
          "libx264", "-preset", "ultrafast", ffmpegs.toString());
      assertEquals("1:1", sar(ffmpegs), "Debian's ffmpeg, " + vf);
      assertEquals(sar(ffmpegs), sar(out), vf);
    }
    // Anamorphic pixels (4:3) keep their shape through a crop; a scale of a 240x180 crop (320x180 on
    // screen) to 320x180 makes them square, as Debian's ffmpeg's does.
    Path wide = dir.resolve("anamorphic.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "setsar=4/3", "-c:v", "libx264", "-crf", "10", "-g", "12",
        wide.toString());
    assertEquals("4:3", sar(wide));
    for (String[] c : new String[][] {{"crop=320:180", "4:3"}, {"crop=240:180,scale=320:180", "1:1"}}) {
      Path out = dir.resolve("anamorphic-" + c[0].length() + ".mkv");
      new EncodeJob(options(wide, out, 0, c[0]), null).run();
      assertSize(out, 320, 180);
      Path ffmpegs = dir.resolve("anamorphic-ffmpeg-" + c[0].length() + ".mkv");
      DebianFfmpeg.ffmpeg("-i", wide.toString(), "-vf", c[0], "-c:v", "libx264", "-preset", "ultrafast",
          ffmpegs.toString());
      assertEquals(c[1], sar(ffmpegs), "Debian's ffmpeg, " + c[0]);
      assertEquals(c[1], sar(out), c[0]);
    }
  }

  @Test
  void aTenBitCropStaysTenBitAndMatchesFfmpegsCrop() {
    Path in = letterboxed(10);
    Path out = dir.resolve("cropped10.mkv");
    JobReport r = new EncodeJob(options(in, out, 10, "crop=320:180").withVerifyQuality(true), null).run();
    assertEquals("yuv420p10le", DebianFfmpeg.probe(out, "v:0", "stream=pix_fmt", false));
    assertSize(out, 320, 180);
    assertEquals(50, DebianFfmpeg.decodedFrames(out));
    assertEquals("crop=320:180", r.settings().filters());
    Path reference = dir.resolve("ref10.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "crop=320:180:0:30", "-c:v", "ffv1", reference.toString());
    double psnr = DebianFfmpeg.ssimPsnr(out, reference)[1];
    assertTrue(psnr > MIN_TEN_BIT_PSNR, psnr + " dB");
    // --verify-quality measures against the cropped source, as Debian's ffmpeg does.
    assertEquals(psnr, r.quality().overall().psnrAverage(), 0.05);
    assertEquals(50, r.quality().overall().frames());
    Path shifted = dir.resolve("ref10-shifted.mkv");
    DebianFfmpeg.ffmpeg("-i", in.toString(), "-vf", "crop=320:180:0:28", "-c:v", "ffv1", shifted.toString());
    double off = DebianFfmpeg.ssimPsnr(out, shifted)[1];
    assertTrue(off < MIN_TEN_BIT_PSNR - 20, "two rows off scores far lower: " + off + " dB");
  }

  /** The rectangle Debian's ffmpeg's cropdetect (limit 24, even sizes) settles on for {@code file}. */
  private static String cropdetect(Path file) {
    var r = DebianFfmpeg.run(List.of("ffmpeg", "-nostdin", "-i", file.toString(), "-vf", "cropdetect=limit=24:round=2",
        "-f", "null", "-"));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("crop=[0-9]+:[0-9]+:[0-9]+:[0-9]+").matcher(r.err());
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    assertTrue(last != null, r::err);
    return last;
  }

  @Test
  void cropAutoFindsTheRectangleFfmpegsCropdetectFinds() throws IOException {
    // Letterboxed, and boxed on all four sides off-centre (300x170 at (8, 34) in 320x240).
    Path boxed = dir.resolve("boxed.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=300x170:r=25:d=2", "-vf", "pad=320:240:8:34", "-c:v", "libx264",
        "-crf", "10", "-g", "12", boxed.toString());
    for (Path in : List.of(letterboxed(8), boxed)) {
      String ffmpegs = cropdetect(in);
      // 50 frames, keyframes every 12: fewer than 10, so the middle frame of each tenth of the frames.
      Path out = dir.resolve("auto-" + in.getFileName());
      JobReport r = new EncodeJob(options(in, out, 0, "crop=auto"), null).run();
      assertEquals(ffmpegs, r.settings().filters(), "the report gives the rectangle found");
      String[] whxy = ffmpegs.substring(5).split(":");
      assertTrue(r.notes().contains("crop=auto found " + whxy[0] + "x" + whxy[1] + " at (" + whxy[2] + ", " + whxy[3]
          + ") in 10 sampled pictures (" + ffmpegs + ")"), r.notes()::toString);
      assertSize(out, Integer.parseInt(whxy[0]), Integer.parseInt(whxy[1]));
      assertArrayEquals(decoded(in, ffmpegs, "yuv420p"), decoded(out, "", "yuv420p"), in + " cropped as " + ffmpegs);
    }
    // No bars: the picture is kept whole, and the note says so.
    Path whole = dir.resolve("whole.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-c:v", "libx264", "-crf", "10", whole.toString());
    JobReport r = new EncodeJob(options(whole, dir.resolve("whole-out.mkv"), 0, "crop=auto,gray"), null).run();
    assertEquals("gray", r.settings().filters());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("crop=auto found no black bars")), r.notes()::toString);
    assertSize(dir.resolve("whole-out.mkv"), 320, 240);
  }

  /** {@code seconds} at 25 fps of {@code lavfi} (320x180) padded to 320x240, one keyframe (x264 with no scene cuts). */
  private Path oneKeyframe(String name, String lavfi, String vf) {
    Path src = dir.resolve(name + ".mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", lavfi, "-vf", vf + (vf.isEmpty() ? "" : ",") + "pad=320:240:0:30", "-c:v",
        "libx264", "-crf", "10", "-g", "1000", "-sc_threshold", "0", src.toString());
    assertEquals("1", DebianFfmpeg.probe(src, "v:0", "frame=key_frame", false).lines().filter(l -> l.equals("1")).count()
        + "", "one keyframe in " + src);
    return src;
  }

  @Test
  void cropAutoLooksPastABlackOpeningInAClipOfOneKeyframe() throws IOException {
    // A fade in from black over the first 1.2 s, one keyframe (the black first frame): the search
    // decodes forward to frames over the whole clip and leaves out those still black.
    Path in = oneKeyframe("fade", "testsrc2=s=320x180:r=25:d=2", "fade=in:st=0:d=1.2");
    String ffmpegs = cropdetect(in);
    assertEquals("crop=320:180:0:30", ffmpegs);
    Path out = dir.resolve("fade-out.mkv");
    JobReport r = new EncodeJob(options(in, out, 0, "crop=auto"), null).run();
    assertEquals(ffmpegs, r.settings().filters(), r.notes()::toString);
    String note = r.notes().stream().filter(n -> n.startsWith("crop=auto")).findFirst().orElseThrow();
    assertTrue(note.matches("crop=auto found 320x180 at \\(0, 30\\) in [0-9]+ sampled pictures \\(crop=320:180:0:30\\)"
        + "(; [0-9]+ black or almost black pictures? left out)?"), note);
    assertSize(out, 320, 180);
    assertArrayEquals(decoded(in, ffmpegs, "yuv420p"), decoded(out, "", "yuv420p"), "cropped as " + ffmpegs);

    // Black all through: the note says so (not "no bars"), and the picture is kept whole.
    Path black = oneKeyframe("black", "color=black:s=320x180:r=25:d=1", "");
    JobReport b = new EncodeJob(options(black, dir.resolve("black-out.mkv"), 0, "crop=auto"), null).run();
    assertTrue(b.notes().contains("crop=auto found every picture it could read black or almost black (titles on black, or "
        + "too dark to tell; 10 of 10 sampled); the picture is kept whole"), b.notes()::toString);
    assertEquals("", b.settings().filters());
  }

  /**
   * 10 s at 25 fps, keyframes every 12: 1.5 s of titles on black, 7 s of a film letterboxed to
   * 320x180 in 320x240, 1.5 s of credits on black. The titles' and credits' lines (white boxes, as
   * text) lie where the film has its bars, so that each shows as rows that are not black.
   */
  private Path titledFilm() {
    Path src = dir.resolve("titled.mkv");
    String text = "drawbox=x=40:y=%d:w=70:h=12:color=white:t=fill,drawbox=x=120:y=%d:w=90:h=12:color=white:t=fill,"
        + "drawbox=x=220:y=%d:w=60:h=12:color=white:t=fill";
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "color=black:s=320x240:r=25:d=1.5", "-f", "lavfi", "-i",
        "testsrc2=s=320x180:r=25:d=7", "-f", "lavfi", "-i", "color=black:s=320x240:r=25:d=1.5", "-filter_complex",
        "[0]" + String.format(text, 8, 8, 8) + ",format=yuv420p[t];[1]pad=320:240:0:30,format=yuv420p[f];"
            + "[2]" + String.format(text, 222, 222, 222) + ",format=yuv420p[c];[t][f][c]concat=n=3[v]",
        "-map", "[v]", "-c:v", "libx264", "-crf", "10", "-g", "12", src.toString());
    return src;
  }

  @Test
  void cropAutoLeavesTitlesAndCreditsOnBlackOutAndCropsToTheFilm() throws IOException {
    Path in = titledFilm();
    // Debian's cropdetect over the film alone: what the bars are.
    Path film = dir.resolve("film-only.mkv");
    DebianFfmpeg.ffmpeg("-ss", "2", "-t", "6", "-i", in.toString(), "-c:v", "libx264", "-crf", "10", film.toString());
    String films = cropdetect(film);
    assertEquals("crop=320:180:0:30", films);
    Path out = dir.resolve("titled-out.mkv");
    JobReport r = new EncodeJob(options(in, out, 0, "crop=auto"), null).run();
    assertEquals(films, r.settings().filters(), r.notes()::toString);
    assertSize(out, 320, 180);
  }

  @Test
  void cropAutoCropsAPortraitVideoInSideBarsAsCropdetectDoes() throws IOException {
    // 9:16 (202x360) in 16:9 (640x360, 31.6% of the picture), its middle 45% of rows dark (luma
    // 30), mean luma 79: those rows' means, bars included, are under the limit, and lit rows x lit
    // columns (17%) once made every picture "almost black" and nothing cropped.
    Path in = dir.resolve("portrait.mkv");
    DebianFfmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=s=202x360:r=25:d=2", "-vf",
        "drawbox=x=0:y=99:w=202:h=162:color=0x101010:t=fill,pad=640:360:218:0,format=yuv420p", "-c:v", "libx264",
        "-crf", "10", "-g", "12", in.toString());
    String ffmpegs = cropdetect(in);
    assertEquals("crop=202:360:218:0", ffmpegs);
    Path out = dir.resolve("portrait-out.mkv");
    JobReport r = new EncodeJob(options(in, out, 0, "crop=auto"), null).run();
    assertEquals(ffmpegs, r.settings().filters(), r.notes()::toString);
    assertTrue(r.notes().contains("crop=auto found 202x360 at (218, 0) in 10 sampled pictures (" + ffmpegs + ")"),
        r.notes()::toString);
    assertSize(out, 202, 360);
  }

  /** {@code seconds} at 30 fps (time base 1/30) with a keyframe every {@code gop} frames. */
  private static FrameIndex index(int seconds, int gop) {
    long[] pts = java.util.stream.LongStream.range(0, 30L * seconds).toArray();
    return new FrameIndex(new Rational(1, 30), pts, java.util.stream.LongStream.range(0, 30L * seconds).filter(p -> p % gop == 0)
        .toArray(), 30L * seconds);
  }

  @Test
  void cropAutoLooksAtMorePicturesOnALongVideoWhereEachIsAKeyframe() {
    assertEquals(10, AutoCrop.sampled(index(10, 30)).size(), "a short clip: 10 keyframes of 10");
    assertEquals(10, AutoCrop.sampled(index(60, 60)).size(), "a minute: 10");
    assertEquals(20, AutoCrop.sampled(index(120, 60)).size(), "two minutes: one per 6 s");
    assertEquals(30, AutoCrop.sampled(index(3600, 60)).size(), "an hour: at most 30");
    assertEquals(12, AutoCrop.sampled(index(600, 1500)).size(), "no more than the keyframes, each decoded alone");
    assertEquals(10, AutoCrop.sampled(index(600, 6000)).size(), "fewer than 10 keyframes: 10 frames, as before");
  }

  @Test
  void cropAutoSaysWhenItCouldReadNothingAndStopsWhenTheJobIsCancelled() {
    CropDetect none = new CropDetect(new FrameSize(320, 240));
    assertEquals("crop=auto could read none of the 10 pictures it sampled; the picture is kept whole",
        AutoCrop.note(none, none.rectangle(), 10, ""));
    Path in = oneKeyframe("cancel", "testsrc2=s=320x180:r=25:d=2", "");
    ProbedSource source = ProbedSource.probe(in, JobOptions.defaults(in, dir.resolve("x.mkv")).sequence());
    FrameSize picture = new FrameSize(320, 240);
    AtomicInteger asked = new AtomicInteger();
    assertThrows(CancellationException.class, () -> AutoCrop.find(FilterChain.parse("crop=auto"), source, picture,
        JobOptions.defaults(in, dir.resolve("x.mkv")).sequence(), () -> asked.incrementAndGet() > 3));
    assertEquals(4, asked.get(), "asked as it goes, and stopped at the first yes");
    assertEquals("crop=320:180:0:30", AutoCrop.find(FilterChain.parse("crop=auto"), source, picture,
        JobOptions.defaults(in, dir.resolve("x.mkv")).sequence(), () -> false).chain().text());
  }

  @Test
  void aRotatedSourceIsCroppedAsStoredAndTheMessagesSaySo() throws IOException {
    // A phone clip: stored 320x240, played turned (240x320 on screen; Debian's ffmpeg turns it before
    // its filters). The filters work on the stored picture, and say so.
    Path rotated = dir.resolve("rotated.mp4");
    DebianFfmpeg.ffmpeg("-i", letterboxed(8).toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated.toString());
    String turn = DebianFfmpeg.probe(rotated, "v:0", "stream_side_data=rotation", false);
    // Debian's ffprobe gives the display matrix's turn counter-clockwise; FrameFork says it clockwise:
    // 270°, as Debian's ffmpeg shows the clip (the stored top-left corner at the bottom left).
    assertEquals("90", turn);
    Path out = dir.resolve("rotated-auto.mp4");
    JobReport r = new EncodeJob(options(rotated, out, 0, "crop=auto").withOutput(out, Container.MP4), null).run();
    assertEquals("crop=320:180:0:30", r.settings().filters(), "the bars of the stored picture");
    assertTrue(r.notes().contains("crop=auto found 320x180 at (0, 30) in 10 sampled pictures (crop=320:180:0:30) "
        + "(in the stored picture; players show it turned 270° clockwise)"), r.notes()::toString);
    assertSize(out, 320, 180);
    assertEquals(turn, DebianFfmpeg.probe(out, "v:0", "stream_side_data=rotation", false), "still played turned");
    // As shown, the same pictures as Debian's ffmpeg's crop of the turned picture (crop=W:H:X:Y there
    // is crop=H:W:(SW-Y-H):X here, at 270°, as docs/commands.md says).
    assertArrayEquals(decoded(rotated, "crop=180:320:30:0", "yuv420p"), decoded(out, "", "yuv420p"), "shown turned");
    // FFmpeg's rectangle for the picture as shown (180 wide, 320 high) does not fit the stored one.
    var e = assertThrows(InputException.class, () -> new EncodeJob(options(rotated, dir.resolve("lost.mp4"), 0,
        "crop=180:320:30:0").withOutput(dir.resolve("lost.mp4"), Container.MP4), null).run());
    assertTrue(e.getMessage().contains("reaches past the 320x240 picture (in the stored picture; players show it turned 270° clockwise); "),
        e.getMessage());
    // Not turned: no word of it.
    var plain = assertThrows(InputException.class, () -> new EncodeJob(options(letterboxed(8), dir.resolve("lost.mkv"), 0,
        "crop=180:320:30:0"), null).run());
    assertTrue(plain.getMessage().contains("reaches past the 320x240 picture; give"), plain.getMessage());
  }

  @Test
  void aMirroredSourceIsCroppedAsStoredAndTheMessagesSaySo() throws IOException {
    // A selfie clip: its display matrix mirrors the stored 320x240 picture left to right, then turns it
    // 90° clockwise (240x320 on screen; Debian's ffmpeg shows it so before its filters).
    Path copy = dir.resolve("letterboxed.mp4");
    DebianFfmpeg.ffmpeg("-i", letterboxed(8).toString(), "-c", "copy", copy.toString());
    Path selfie = DebianFfmpeg.withDisplayMatrix(copy, new int[] {0, -1, -1, 0}, dir.resolve("selfie.mp4"));
    String shown = " (in the stored picture; players show it mirrored left to right, then turned 90° clockwise)";
    Path out = dir.resolve("selfie-auto.mp4");
    JobReport r = new EncodeJob(options(selfie, out, 0, "crop=auto").withOutput(out, Container.MP4), null).run();
    assertEquals("crop=320:180:0:30", r.settings().filters(), "the bars of the stored picture");
    assertTrue(r.notes().contains("crop=auto found 320x180 at (0, 30) in 10 sampled pictures (crop=320:180:0:30)" + shown),
        r.notes()::toString);
    // As shown, Debian's ffmpeg's crop=W:H:X:Y of the shown picture: turned back for 90° (crop=H:W:Y:(SH-X-W),
    // here 320:180:0:30), then mirrored (X becomes SW-X-W, here 0), as docs/commands.md says.
    assertArrayEquals(decoded(selfie, "crop=180:320:30:0", "yuv420p"), decoded(out, "", "yuv420p"), "shown mirrored, turned");
    var e = assertThrows(InputException.class, () -> new EncodeJob(options(selfie, dir.resolve("lost.mp4"), 0,
        "crop=180:320:30:0").withOutput(dir.resolve("lost.mp4"), Container.MP4), null).run());
    assertTrue(e.getMessage().contains("reaches past the 320x240 picture" + shown + "; "), e.getMessage());

    // Mirrored only: FFmpeg's crop=100:180:20:30 of the shown picture is crop=100:180:(320-20-100):30 here.
    Path mirror = DebianFfmpeg.withDisplayMatrix(copy, new int[] {-1, 0, 0, 1}, dir.resolve("mirror.mp4"));
    Path mirrorOut = dir.resolve("mirror-out.mp4");
    new EncodeJob(options(mirror, mirrorOut, 0, "crop=100:180:200:30").withOutput(mirrorOut, Container.MP4), null).run();
    assertArrayEquals(decoded(mirror, "crop=100:180:20:30", "yuv420p"), decoded(mirrorOut, "", "yuv420p"), "shown mirrored");
    var m = assertThrows(InputException.class, () -> new EncodeJob(options(mirror, dir.resolve("lost.mp4"), 0,
        "crop=100:180:240:30").withOutput(dir.resolve("lost.mp4"), Container.MP4), null).run());
    assertTrue(m.getMessage().contains("reaches past the 320x240 picture (in the stored picture; players show it mirrored "
        + "left to right); "), m.getMessage());
  }

  @Test
  void aRectanglePastThePictureIsRefusedBeforeAnyWork() throws IOException {
    Path in = letterboxed(8);
    for (String vf : List.of("crop=322:180", "crop=320:180:2:0", "crop=320:200:0:42", "scale=160:120,crop=320:180")) {
      Path lost = dir.resolve("lost.mkv");
      var e = assertThrows(InputException.class, () -> new EncodeJob(options(in, lost, 0, vf), null).run(), vf);
      assertTrue(e.getMessage().contains("reaches past the " + (vf.startsWith("scale") ? "160x120" : "320x240")
          + " picture"), e.getMessage());
      assertFalse(Files.exists(lost), vf);
      try (var left = Files.list(dir)) {
        assertTrue(left.noneMatch(f -> f.getFileName().toString().contains("framefork")), "no work folder: " + vf);
      }
    }
  }
}
